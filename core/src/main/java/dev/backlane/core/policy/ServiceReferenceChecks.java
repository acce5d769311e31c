package dev.backlane.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a statement's names against AWS's Service Authorization Reference, as IAM Access Analyzer's
 * policy validation does: that each action exists (a wildcard must match at least one), that each
 * condition key is a global key or one of its service's keys, and that each Resource can be a resource
 * of at least one of the statement's actions. Values that are malformed are left to
 * {@link ElementChecks}, which has already reported them.
 */
final class ServiceReferenceChecks {

    private static final int FORMATS_SHOWN = 3;
    // Still honoured by AWS but no longer listed among the global keys; Access Analyzer warns about it.
    private static final String DEPRECATED_ARN_KEY = "aws:ARN";

    private final List<Finding> findings;
    private final ServiceReference reference;

    ServiceReferenceChecks(List<Finding> findings, ServiceReference reference) {
        this.findings = findings;
        this.reference = reference;
    }

    void actions(List<String> values, String path, boolean listed) {
        for (int i = 0; i < values.size(); i++) {
            String action = values.get(i);
            if (action.equals("*") || ElementChecks.actionProblem(action).isPresent()) {
                continue;
            }
            String valuePath = listed ? JsonPaths.index(path, i) : path;
            int colon = action.indexOf(':');
            String prefix = action.substring(0, colon);
            String name = action.substring(colon + 1);
            Optional<ServiceReference.Service> service = reference.service(prefix);
            if (service.isEmpty()) {
                findings.add(new Finding(FindingCode.INVALID_SERVICE_IN_ACTION,
                        "The service " + prefix + " specified in the action " + action + " does not exist."
                                + NearestNames.suggestion(NearestNames.of(prefix, reference.servicePrefixes())),
                        valuePath));
            } else if (isPattern(name)) {
                if (service.get().match(name).actions() == 0) {
                    findings.add(new Finding(FindingCode.INVALID_ACTION,
                            "The action " + action + " matches no action of the service " + service.get().prefix() + ".", valuePath));
                }
            } else if (service.get().action(name).isEmpty()) {
                List<String> nearest = NearestNames.of(name, service.get().actionNames()).stream()
                        .map(candidate -> service.get().prefix() + ":" + candidate).toList();
                findings.add(new Finding(FindingCode.INVALID_ACTION,
                        "The action " + action + " does not exist." + NearestNames.suggestion(nearest), valuePath));
            }
        }
    }

    /**
     * Reports each Resource that none of the statement's actions can act on. Statements with NotAction,
     * NotResource, {@code *} or an unknown action are skipped: they say nothing certain about types.
     */
    void resources(ValueElement action, ValueElement resource, String path, boolean listed) {
        Set<Integer> misplacedFields = new HashSet<>();
        for (int i = 0; i < resource.values().size(); i++) {
            if (arnFields(resource.values().get(i), listed ? JsonPaths.index(path, i) : path)) {
                misplacedFields.add(i);
            }
        }
        if (action.negated() || resource.negated()) {
            return;
        }
        Optional<Map<ServiceReference.Service, List<String>>> types = resourceTypes(action.values());
        if (types.isEmpty()) {
            return;
        }
        for (int i = 0; i < resource.values().size(); i++) {
            String value = resource.values().get(i);
            if (value.equals("*") || ElementChecks.arnProblem(value).isPresent() || misplacedFields.contains(i)) {
                continue;
            }
            if (!anyTypeMatches(types.get(), value)) {
                findings.add(new Finding(FindingCode.RESOURCE_MISMATCH,
                        "No action in the statement applies to the resource " + value + "; " + expected(types.get()),
                        listed ? JsonPaths.index(path, i) : path));
            }
        }
    }

    /**
     * Access Analyzer's checks of an ARN's Region and account against its service's ARN formats: among the
     * formats the ARN's resource part fits, a Region (account) where none has one, or none where all
     * have one. Whether a finding was added.
     */
    private boolean arnFields(String value, String path) {
        if (value.equals("*") || ElementChecks.arnProblem(value).isPresent()) {
            return false;
        }
        int[] bounds = Arn.bounds(value);
        String serviceName = Arn.part(value, bounds, 2);
        String region = Arn.part(value, bounds, 3);
        String account = Arn.part(value, bounds, 4);
        Optional<ServiceReference.Service> service = isLiteral(serviceName) ? reference.service(serviceName) : Optional.empty();
        if (service.isEmpty()) {
            return false;
        }
        // Which formats could this be, whatever its Region and account?
        TextPattern anyPlace = TextPattern.ofPolicyValue("arn:" + Arn.part(value, bounds, 1) + ":" + serviceName + ":*:*:" + Arn.part(value, bounds, 5));
        List<String> formats = service.get().resourceTypes().stream()
                .filter(type -> service.get().arnService(type).equals(serviceName))
                .filter(type -> service.get().arnPattern(type).overlaps(anyPlace))
                .map(service.get()::arnFormat).toList();
        if (formats.isEmpty()) {
            return false;
        }
        Optional<Finding> finding = Optional.empty();
        if (!region.isEmpty() && isLiteral(region) && formats.stream().allMatch(format -> formatPart(format, 3).isEmpty())) {
            finding = Optional.of(new Finding(FindingCode.ARN_REGION_NOT_ALLOWED,
                    "The service " + serviceName + " does not support specifying a Region in the resource ARN.", path));
        } else if (region.isEmpty() && formats.stream().noneMatch(format -> formatPart(format, 3).isEmpty())) {
            finding = Optional.of(new Finding(FindingCode.MISSING_ARN_REGION, "Add a Region to the " + serviceName + " resource ARN.", path));
        } else if (!account.isEmpty() && isLiteral(account) && formats.stream().allMatch(format -> formatPart(format, 4).isEmpty())) {
            finding = Optional.of(new Finding(FindingCode.ARN_ACCOUNT_NOT_ALLOWED,
                    "The service " + serviceName + " does not support specifying an account ID in the resource ARN.", path));
        } else if (account.isEmpty() && formats.stream().noneMatch(format -> formatPart(format, 4).isEmpty())) {
            finding = Optional.of(new Finding(FindingCode.MISSING_ARN_ACCOUNT, "The resource " + Arn.part(value, bounds, 5)
                    + " in the arn is missing an account id. Please provide a 12 digit account id.", path));
        }
        finding.ifPresent(findings::add);
        return finding.isPresent();
    }

    private static String formatPart(String format, int part) {
        int[] bounds = Arn.bounds(format);
        return bounds == null ? "" : Arn.part(format, bounds, part);
    }

    private static boolean isLiteral(String text) {
        return text.chars().noneMatch(c -> c == '*' || c == '?' || c == '$');
    }

    void conditionKey(String key, String path) {
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String prefix = key.substring(0, colon);
        if (prefix.equalsIgnoreCase("aws")) {
            if (key.equalsIgnoreCase(DEPRECATED_ARN_KEY)) {
                findings.add(new Finding(FindingCode.DEPRECATED_GLOBAL_CONDITION_KEY,
                        "We recommend that you update " + key + " to use the newer condition key aws:PrincipalArn.", path));
            } else if (!reference.isGlobalConditionKey(key)) {
                findings.add(new Finding(FindingCode.INVALID_GLOBAL_CONDITION_KEY, "The condition key " + key + " does not exist."
                        + NearestNames.suggestion(NearestNames.of(key, reference.globalConditionKeyNames())), path));
            }
            return;
        }
        List<ServiceReference.Service> services = reference.servicesForKeyPrefix(prefix);
        if (services.isEmpty()) {
            // Prefixes such as oidc.eks.<region>.amazonaws.com/id/<id> name an identity provider, not a service.
            if (prefix.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-')) {
                findings.add(new Finding(FindingCode.INVALID_SERVICE, "The service " + prefix + " in the condition key " + key
                        + " does not exist." + NearestNames.suggestion(NearestNames.of(prefix, reference.servicePrefixes())), path));
            }
            return;
        }
        if (services.stream().noneMatch(service -> service.hasConditionKey(key))) {
            List<String> known = services.stream().flatMap(service -> service.conditionKeyNames().stream()).toList();
            findings.add(new Finding(FindingCode.INVALID_SERVICE_CONDITION_KEY,
                    "The condition key " + key + " does not exist in the service " + services.get(0).prefix() + "."
                            + NearestNames.suggestion(NearestNames.of(key, known)),
                    path));
        }
    }

    /**
     * The resource types the Action values take, by service; empty when one of them is {@code *}, unknown
     * or matches no action.
     */
    private Optional<Map<ServiceReference.Service, List<String>>> resourceTypes(List<String> values) {
        Map<ServiceReference.Service, Set<String>> byService = new LinkedHashMap<>();
        for (String value : values) {
            if (value.equals("*") || ElementChecks.actionProblem(value).isPresent()) {
                return Optional.empty();
            }
            int colon = value.indexOf(':');
            Optional<ServiceReference.Service> service = reference.service(value.substring(0, colon));
            if (service.isEmpty()) {
                return Optional.empty();
            }
            ServiceReference.ActionMatch match = service.get().match(value.substring(colon + 1));
            if (match.actions() == 0) {
                return Optional.empty();
            }
            byService.computeIfAbsent(service.get(), ignored -> new LinkedHashSet<>()).addAll(match.resourceTypes());
        }
        Map<ServiceReference.Service, List<String>> types = new LinkedHashMap<>();
        byService.forEach((service, serviceTypes) -> types.put(service, List.copyOf(serviceTypes)));
        return Optional.of(types);
    }

    private static boolean anyTypeMatches(Map<ServiceReference.Service, List<String>> types, String value) {
        // A Resource whose service part is written out can only be of types with that service: compare
        // that first, since most types of a statement's services differ there.
        int[] bounds = Arn.bounds(value);
        String service = Arn.part(value, bounds, 2);
        boolean literalService = isLiteral(service);
        TextPattern resource = TextPattern.ofPolicyValue(value);
        for (Map.Entry<ServiceReference.Service, List<String>> entry : types.entrySet()) {
            for (String type : entry.getValue()) {
                if (literalService && !entry.getKey().arnService(type).equals(service)) {
                    continue;
                }
                if (entry.getKey().arnPattern(type).overlaps(resource)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String expected(Map<ServiceReference.Service, List<String>> types) {
        List<String> formats = new ArrayList<>();
        types.forEach((service, serviceTypes) -> serviceTypes.forEach(type -> formats.add(type + " (" + service.arnFormat(type) + ")")));
        if (formats.isEmpty()) {
            return "its actions take only \"*\"";
        }
        String shown = String.join(", ", formats.subList(0, Math.min(FORMATS_SHOWN, formats.size())));
        return "its actions take " + shown + (formats.size() > FORMATS_SHOWN ? " and " + (formats.size() - FORMATS_SHOWN) + " more" : "");
    }

    private static boolean isPattern(String name) {
        return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
    }
}
