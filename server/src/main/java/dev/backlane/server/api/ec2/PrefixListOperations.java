package dev.backlane.server.api.ec2;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.PrefixListVersion;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.network.PrefixListCommands;
import dev.backlane.core.network.PrefixListLookup;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.DocumentedFilters;
import dev.backlane.server.api.describe.WildcardPattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Prefix lists: the region's AWS-managed lists (DescribePrefixLists, and with owner {@code AWS} in
 * DescribeManagedPrefixLists) and the account's own lists (create, modify, delete, entries by version,
 * associations).
 */
public final class PrefixListOperations implements OperationFamily {
    private final PrefixListCommands commands;
    private final PrefixListLookup lookup;

    public PrefixListOperations(PrefixListCommands commands, PrefixListLookup lookup) {
        this.commands = commands;
        this.lookup = lookup;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribePrefixLists", this::describePrefixLists)
                .ec2("DescribeManagedPrefixLists", this::describeManagedPrefixLists)
                .ec2("CreateManagedPrefixList", this::createManagedPrefixList)
                .ec2("ModifyManagedPrefixList", this::modifyManagedPrefixList)
                .ec2("DeleteManagedPrefixList", this::deleteManagedPrefixList)
                .ec2("GetManagedPrefixListEntries", this::getManagedPrefixListEntries)
                .ec2("GetManagedPrefixListAssociations", this::getManagedPrefixListAssociations);
    }

    /** A prefix list of either kind as the Describe filters see it. */
    private record Listed(String id, String name, String ownerId, Map<String, Object> shape) {}

    private Map<String, Object> describePrefixLists(Call call) {
        call.read();
        List<Listed> all = lookup.catalog().region(call.scope().region()).stream()
                .map(list -> new Listed(list.id(), list.name(), "AWS", PrefixListShapes.prefixList(list))).toList();
        Listing page = list(call, all);
        return Output.create().put("PrefixLists", page.shapes()).put("NextToken", page.nextToken()).build();
    }

    private Map<String, Object> describeManagedPrefixLists(Call call) {
        ScopeState state = call.read();
        List<Listed> all = new ArrayList<>();
        for (AwsPrefixList list : lookup.catalog().region(call.scope().region())) {
            all.add(new Listed(list.id(), list.name(), "AWS", PrefixListShapes.awsManaged(list)));
        }
        for (ManagedPrefixList list : state.all(ResourceTypes.PREFIX_LIST)) {
            all.add(new Listed(list.id(), list.name(), call.scope().account(), PrefixListShapes.customer(list, call.scope(), state)));
        }
        all.sort(Comparator.comparing(Listed::id));
        Listing page = list(call, all);
        return Output.create().put("PrefixLists", page.shapes()).put("NextToken", page.nextToken()).build();
    }

    private record Listing(List<Map<String, Object>> shapes, String nextToken) {}

    /** IDs (unknown ones refused), documented filters and pagination over lists in ID order. */
    private static Listing list(Call call, List<Listed> all) {
        Input input = call.input();
        List<String> ids = input.strings("PrefixListIds");
        for (String id : new LinkedHashSet<>(ids)) {
            ResourceTypes.PREFIX_LIST.requireWellFormed(id);
            if (all.stream().noneMatch(listed -> listed.id().equals(id))) {
                throw ResourceTypes.PREFIX_LIST.notFound(id);
            }
        }
        List<NamedFilter> filters = new ArrayList<>();
        for (Input filter : input.structures("Filters")) {
            String name = filter.string("Name");
            if (name == null || !DocumentedFilters.ec2().isDocumented(call.operation(), name) || name.startsWith("tag")) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            filters.add(new NamedFilter(name, filter.strings("Values").stream().map(WildcardPattern::compile).toList()));
        }
        Integer maxResults = input.integer("MaxResults");
        String after = Tokens.decode(input.string("NextToken"));
        List<Map<String, Object>> shapes = new ArrayList<>();
        String nextToken = null;
        String lastId = null;
        for (Listed listed : all) {
            if ((after != null && listed.id().compareTo(after) <= 0) || (!ids.isEmpty() && !ids.contains(listed.id()))
                    || !filters.stream().allMatch(filter -> filter.matches(listed))) {
                continue;
            }
            if (maxResults != null && shapes.size() == maxResults) {
                nextToken = Tokens.encode(lastId);
                break;
            }
            shapes.add(listed.shape());
            lastId = listed.id();
        }
        return new Listing(shapes, nextToken);
    }

    private record NamedFilter(String name, List<WildcardPattern> patterns) {
        boolean matches(Listed listed) {
            String value = switch (name) {
                case "prefix-list-id" -> listed.id();
                case "prefix-list-name" -> listed.name();
                default -> listed.ownerId();
            };
            return patterns.stream().anyMatch(pattern -> pattern.matches(value));
        }
    }

    private Map<String, Object> createManagedPrefixList(Call call) {
        Input input = call.input();
        PrefixListCommands.CreateList request = new PrefixListCommands.CreateList(input.string("PrefixListName"), input.string("AddressFamily"),
                input.integer("MaxEntries"), entries(input.structures("Entries")));
        return call.write(transaction -> {
            ManagedPrefixList list = commands.create(transaction, request);
            TagInputs.applySpecifications(transaction, input, list.id(), ResourceTypes.PREFIX_LIST);
            return Output.of("PrefixList", PrefixListShapes.customer(list, call.scope(), transaction.state()));
        });
    }

    private Map<String, Object> modifyManagedPrefixList(Call call) {
        Input input = call.input();
        List<String> removals = input.structures("RemoveEntries").stream().map(entry -> entry.string("Cidr")).toList();
        PrefixListCommands.ModifyList request = new PrefixListCommands.ModifyList(input.string("PrefixListId"), input.longValue("CurrentVersion"),
                input.string("PrefixListName"), input.integer("MaxEntries"), entries(input.structures("AddEntries")), removals);
        return call.write(transaction -> {
            ManagedPrefixList list = commands.modify(transaction, request);
            return Output.of("PrefixList", PrefixListShapes.customer(list, call.scope(), transaction.state()));
        });
    }

    private Map<String, Object> deleteManagedPrefixList(Call call) {
        String id = call.input().string("PrefixListId");
        return call.write(transaction -> Output.of("PrefixList", PrefixListShapes.customer(commands.delete(transaction, id), call.scope(), null)));
    }

    private Map<String, Object> getManagedPrefixListEntries(Call call) {
        Input input = call.input();
        String id = ResourceTypes.PREFIX_LIST.requireWellFormed(input.string("PrefixListId"));
        ScopeState state = call.read();
        Long targetVersion = input.longValue("TargetVersion");
        List<PrefixListEntry> entries;
        AwsPrefixList awsManaged = lookup.catalog().find(call.scope().region(), id).orElse(null);
        if (awsManaged != null) {
            if (targetVersion != null && targetVersion != 1) {
                throw noSuchVersion(targetVersion);
            }
            entries = awsManaged.cidrs().stream().map(cidr -> new PrefixListEntry(cidr, null)).toList();
        } else {
            ManagedPrefixList list = state.find(ResourceTypes.PREFIX_LIST, id).orElseThrow(() -> ResourceTypes.PREFIX_LIST.notFound(id));
            entries = targetVersion == null ? list.entries() : list.versions().stream().filter(version -> version.version() == targetVersion)
                    .findFirst().map(PrefixListVersion::entries).orElseThrow(() -> noSuchVersion(targetVersion));
        }
        int start = Tokens.decodeIndex(input.string("NextToken"));
        int limit = input.integer("MaxResults") == null ? 100 : input.integer("MaxResults");
        int end = Math.min(entries.size(), start + limit);
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (PrefixListEntry entry : entries.subList(Math.min(start, entries.size()), end)) {
            shapes.add(Output.create().put("Cidr", entry.cidr()).put("Description", entry.description()).build());
        }
        return Output.create().put("Entries", shapes).put("NextToken", end < entries.size() ? Tokens.encodeIndex(end) : null).build();
    }

    private Map<String, Object> getManagedPrefixListAssociations(Call call) {
        Input input = call.input();
        String id = ResourceTypes.PREFIX_LIST.requireWellFormed(input.string("PrefixListId"));
        ScopeState state = call.read();
        lookup.require(state, call.scope().region(), id);
        List<String> resources = PrefixListCommands.associations(state, id);
        int start = Tokens.decodeIndex(input.string("NextToken"));
        int limit = input.integer("MaxResults") == null ? 255 : input.integer("MaxResults");
        int end = Math.min(resources.size(), start + limit);
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (String resource : resources.subList(Math.min(start, resources.size()), end)) {
            shapes.add(Output.create().put("ResourceId", resource).put("ResourceOwner", call.scope().account()).build());
        }
        return Output.create().put("PrefixListAssociations", shapes).put("NextToken", end < resources.size() ? Tokens.encodeIndex(end) : null).build();
    }

    private static List<PrefixListEntry> entries(List<Input> entries) {
        return entries.stream().map(entry -> new PrefixListEntry(entry.string("Cidr"), entry.string("Description"))).toList();
    }

    private static AwsException noSuchVersion(long version) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter TargetVersion is invalid. The version does not exist.", version);
    }

    /** Pagination tokens: opaque to callers, a position to us. */
    private static final class Tokens {
        private Tokens() {}

        static String encode(String lastId) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
        }

        static String decode(String token) {
            String text = text(token);
            if (text == null) {
                return null;
            }
            if (!text.startsWith("after:")) {
                throw invalid(token);
            }
            return text.substring(6);
        }

        static String encodeIndex(int index) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("index:" + index).getBytes(StandardCharsets.UTF_8));
        }

        static int decodeIndex(String token) {
            String text = text(token);
            if (text == null) {
                return 0;
            }
            try {
                if (text.startsWith("index:")) {
                    return Integer.parseInt(text.substring(6));
                }
            } catch (NumberFormatException e) {
                throw invalid(token);
            }
            throw invalid(token);
        }

        private static String text(String token) {
            if (token == null) {
                return null;
            }
            try {
                return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid(token);
            }
        }

        private static AwsException invalid(String token) {
            return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value ( %s ) for parameter NextToken is invalid. The token is invalid.", token);
        }
    }
}
