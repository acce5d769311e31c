package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.World;
import dev.backlane.core.zone.ZoneMappings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a snapshot of real accounts (the JSON that {@code aws ec2 describe-*} and
 * {@code aws elbv2 describe-*} print, files named anything, recognised by their top-level key) into a
 * {@link Snapshot}. Where the files lie gives their account and region ({@link SnapshotLayout});
 * otherwise the data does ({@link ScopeInference}), else {@code us-east-1} and account
 * {@value #UNKNOWN_ACCOUNT}. Unreadable files, unknown keys and broken references are reported, never fatal.
 */
public final class SnapshotReader {
    /** The account of documents that neither their place nor their data ties to one. */
    public static final String UNKNOWN_ACCOUNT = "000000000000";
    static final String DEFAULT_REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsPrefixListCatalog prefixLists;

    public SnapshotReader(AwsPrefixListCatalog prefixLists) {
        this.prefixLists = requireNonNull(prefixLists, "prefixLists is null");
    }

    /** A reader with AWS's own prefix lists. */
    public static SnapshotReader standard() {
        return new SnapshotReader(AwsPrefixListCatalog.standard());
    }

    /**
     * Reads a snapshot's files as text, keyed by their name relative to the snapshot's directory (see
     * {@link SnapshotLayout#documentNames}); a file that is not JSON is reported and left out.
     */
    public Snapshot readTexts(Map<String, String> files) {
        ImportReport.Builder report = new ImportReport.Builder();
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            try {
                documents.put(file.getKey(), JSON.readTree(file.getValue()));
            } catch (JsonProcessingException e) {
                report.note(file.getKey() + ": not read, not JSON: " + firstLine(e.getMessage()));
            }
        }
        return readDocuments(documents, report);
    }

    /** Reads documents already parsed, keyed by their name relative to the snapshot's directory (e.g. {@code aws_configs/us-east-1/Vpcs.json}). */
    public Snapshot readDocuments(Map<String, JsonNode> documents) {
        return readDocuments(documents, new ImportReport.Builder());
    }

    private Snapshot readDocuments(Map<String, JsonNode> documents, ImportReport.Builder report) {
        Map<String, List<String>> byDirectory = new TreeMap<>();
        for (Map.Entry<String, JsonNode> document : documents.entrySet()) {
            if (!document.getValue().isObject()) {
                report.note(document.getKey() + ": not read, not a JSON object");
                continue;
            }
            String name = document.getKey();
            int slash = name.lastIndexOf('/');
            byDirectory.computeIfAbsent(slash < 0 ? "" : name.substring(0, slash), ignored -> new ArrayList<>()).add(name);
        }
        Map<Scope, List<String>> byScope = new TreeMap<>();
        for (List<String> names : byDirectory.values()) {
            Scope scope = scopeOf(names, documents, report);
            byScope.computeIfAbsent(scope, ignored -> new ArrayList<>()).addAll(names);
        }
        Map<String, KindImporter> importers = SnapshotKinds.importers();
        World.Builder world = World.builder();
        List<ImportContext> contexts = new ArrayList<>();
        for (Map.Entry<Scope, List<String>> entry : byScope.entrySet()) {
            ImportContext context = new ImportContext(entry.getKey(), report);
            contexts.add(context);
            Map<String, SortedMap<String, Integer>> counts = new LinkedHashMap<>();
            for (String name : entry.getValue()) {
                counts.put(name, new TreeMap<>());
                unknownKeys(name, documents.get(name), importers, report);
            }
            for (Map.Entry<String, KindImporter> importer : importers.entrySet()) {
                for (String name : entry.getValue()) {
                    List<JsonNode> items = SnapshotJson.items(documents.get(name), importer.getKey());
                    if (!documents.get(name).has(importer.getKey())) {
                        continue;
                    }
                    context.readingFile(name);
                    items.forEach(item -> importer.getValue().read(item, context));
                    counts.get(name).put(importer.getKey(), items.size());
                }
            }
            for (String name : entry.getValue()) {
                for (Map.Entry<String, String> unloaded : SnapshotKinds.NOT_LOADED.entrySet()) {
                    JsonNode document = documents.get(name);
                    if (document.has(unloaded.getKey())) {
                        int size = SnapshotJson.items(document, unloaded.getKey()).size();
                        counts.get(name).put(unloaded.getKey(), size);
                        if (size > 0) {
                            report.note(name + ": " + size + " " + unloaded.getKey() + " read, not loaded: " + unloaded.getValue());
                        }
                    }
                }
                report.file(new ImportReport.FileRead(name, entry.getKey().account(), entry.getKey().region(), counts.get(name)));
            }
            inferDnsAttributes(context);
            SnapshotZoneMapping.pin(context, ZoneMappings.standard());
            putAll(world, context);
        }
        World built = world.build();
        Map<Scope, List<ServiceDetail>> services = new HashMap<>();
        for (ImportContext context : contexts) {
            new ReferenceCheck(built, context.scope(), prefixLists, report).run();
            report.scope(new ImportReport.ScopeCount(context.account(), context.region(), counts(context)));
            if (!context.services().isEmpty()) {
                services.put(context.scope(), List.copyOf(context.services()));
            }
        }
        return new Snapshot(built, report.build(), services);
    }

    private static Scope scopeOf(List<String> names, Map<String, JsonNode> documents, ImportReport.Builder report) {
        SnapshotLayout.Location location = SnapshotLayout.locate(names.get(0));
        List<JsonNode> roots = names.stream().map(documents::get).toList();
        String directory = names.get(0).contains("/") ? names.get(0).substring(0, names.get(0).lastIndexOf('/') + 1) : "./";
        String region = location.region();
        if (region == null) {
            region = ScopeInference.region(roots).orElse(null);
            if (region == null) {
                region = DEFAULT_REGION;
                report.note(directory + ": no region in the layout or the data; " + DEFAULT_REGION + " assumed");
            }
        }
        String account = location.account();
        if (account == null) {
            account = ScopeInference.account(roots).orElse(null);
            if (account == null) {
                account = UNKNOWN_ACCOUNT;
                report.note(directory + ": no account in the layout or the data (OwnerId); " + UNKNOWN_ACCOUNT + " assumed");
            }
        }
        return new Scope(account, region);
    }

    private static void unknownKeys(String name, JsonNode document, Map<String, KindImporter> importers, ImportReport.Builder report) {
        for (Iterator<String> keys = document.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!importers.containsKey(key) && !SnapshotKinds.isKnown(key)) {
                report.unknownKey(name, key);
            }
        }
    }

    /**
     * DescribeVpcs does not show the DNS attributes. An interface endpoint with private DNS could only
     * be made with both on, so a VPC holding one has them; others keep AWS's defaults.
     */
    private static void inferDnsAttributes(ImportContext context) {
        for (VpcEndpoint endpoint : context.all(ResourceTypes.VPC_ENDPOINT)) {
            if (!endpoint.privateDnsEnabled() || context.hasDnsAttributes(endpoint.vpcId())) {
                continue;
            }
            context.find(ResourceTypes.VPC, endpoint.vpcId())
                    .filter(vpc -> !vpc.enableDnsSupport() || !vpc.enableDnsHostnames())
                    .map(vpc -> vpc.withAttributes(true, true, vpc.enableNetworkAddressUsageMetrics()))
                    .ifPresent(vpc -> context.put(ResourceTypes.VPC, vpc));
        }
    }

    private static void putAll(World.Builder world, ImportContext context) {
        for (Map.Entry<ResourceType<?>, Map<String, Resource>> table : context.resources().entrySet()) {
            for (Resource resource : table.getValue().values()) {
                world.put(context.scope(), table.getKey(), resource);
            }
        }
    }

    private static SortedMap<String, Integer> counts(ImportContext context) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<ResourceType<?>, Map<String, Resource>> table : context.resources().entrySet()) {
            if (table.getKey() != ResourceTypes.TAGS && !table.getValue().isEmpty()) {
                counts.put(table.getKey().name(), table.getValue().size());
            }
        }
        return counts;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
