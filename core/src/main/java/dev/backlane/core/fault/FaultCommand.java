package dev.backlane.core.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.policy.PolicyParseException;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a {@link FaultRequest} against the world and makes the {@link Fault}, or refuses it with the error naming the
 * parameter: an unknown kind or scope field, a field the kind does not take, a resource that does not exist (with
 * EC2's {@code .NotFound} code), a parameter of another kind, a percentage outside 1-100, a start in the past, a
 * duration outside {@code PT1S}-{@code PT12H} (FIS's longest experiment), a toxic Toxiproxy would not take
 * ({@link ToxicRules}). Nothing is made when anything is wrong.
 */
public final class FaultCommand {
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    public static final Duration MAX_DURATION = Duration.ofHours(12);
    private static final double MAX_REQUESTS_PER_SECOND = 1_000_000;
    /** F5's defaults and limits: 1 MiB/s unless told, at most 1 GiB/s and 100 GiB in all (one machine's loopback). */
    private static final long DEFAULT_BYTES_PER_SECOND = 1L << 20;
    private static final long MAX_BYTES_PER_SECOND = 1L << 30;
    private static final long MAX_TOTAL_BYTES = 100L << 30;
    private static final Duration MAX_TELEMETRY_DELAY = Duration.ofHours(1);

    private final RegionCatalog regions;

    public FaultCommand(RegionCatalog regions) {
        this.regions = requireNonNull(regions, "regions is null");
    }

    /**
     * The fault the request asks for, checked against {@code world} and the workloads placed ({@code workloadInterfaces}
     * gives a workload's network interface ID, empty when there is no such workload), starting no earlier than {@code now}.
     */
    public Fault create(FaultRequest request, World world, Function<String, Optional<String>> workloadInterfaces, Instant now, IdSource ids) {
        requireNonNull(request, "request is null");
        requireNonNull(world, "world is null");
        requireNonNull(workloadInterfaces, "workloadInterfaces is null");
        requireNonNull(now, "now is null");
        FaultKind kind = FaultKind.parse(request.kind().orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER,
                "The request must contain the parameter kind")));
        FaultScope scope = scope(kind, request.scope(), world, workloadInterfaces);
        FaultParameters parameters = parameters(kind, request);
        Instant start = request.startTime().map(text -> instant(text, now)).orElse(now);
        Duration duration = request.duration().map(FaultCommand::duration).orElse(DEFAULT_DURATION);
        Fault fault = new Fault(ids.next(Fault.ID_PREFIX), kind, scope, parameters, start, start.plus(duration));
        if (kind == FaultKind.F4_POLICY_DENY) {
            try {
                FaultDenyPolicy.compile(fault);
            } catch (PolicyParseException e) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter actions is invalid. %s", parameters.actions(),
                        e.getMessage());
            }
        }
        return fault;
    }

    private FaultScope scope(FaultKind kind, Map<String, String> given, World world, Function<String, Optional<String>> workloadInterfaces) {
        EnumMap<FaultScope.Field, String> values = new EnumMap<>(FaultScope.Field.class);
        for (Map.Entry<String, String> entry : given.entrySet()) {
            FaultScope.Field field = field(entry.getKey());
            if (!kind.scopeFields().contains(field)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The scope field %s does not apply to %s faults (%s); they take %s.",
                        field.wireName(), kind.label(), kind.description(),
                        kind.scopeFields().stream().sorted().map(FaultScope.Field::wireName).collect(Collectors.joining(", ")));
            }
            String value = entry.getValue().trim();
            if (value.isEmpty()) {
                throw invalid("scope." + field.wireName(), entry.getValue(), "a non-empty string");
            }
            values.put(field, value);
        }
        if (kind == FaultKind.F5_COST_SPIKE && !(values.containsKey(FaultScope.Field.WORKLOAD) && values.containsKey(FaultScope.Field.SERVICE))) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameters scope.workloadId and scope.service: "
                    + "an F5 fault's traffic goes from a workload to a service");
        }
        if (kind == FaultKind.F3_ZONE_UNAVAILABLE && !values.containsKey(FaultScope.Field.ZONE)) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter scope.availabilityZone: an F3 fault takes one zone down");
        }
        Optional<Scope> only = checkAccountAndRegion(values);
        for (FaultScope.Field field : values.keySet()) {
            check(field, values.get(field), only, world);
        }
        String workloadId = values.get(FaultScope.Field.WORKLOAD);
        if (workloadId != null) {
            String sendsFrom = workloadInterfaces.apply(workloadId).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter scope.workloadId is invalid. The workload does not exist.", workloadId));
            String eni = values.putIfAbsent(FaultScope.Field.NETWORK_INTERFACE, sendsFrom);
            if (eni != null && !eni.equals(sendsFrom)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The workload %s sends from %s, not from scope.networkInterfaceId %s",
                        workloadId, sendsFrom, eni);
            }
        }
        return new FaultScope(values);
    }

    private static FaultScope.Field field(String wireName) {
        for (FaultScope.Field field : FaultScope.Field.values()) {
            if (field.wireName().equals(wireName)) {
                return field;
            }
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The scope field %s does not exist; the fields are %s.", wireName,
                Stream.of(FaultScope.Field.values()).map(FaultScope.Field::wireName).collect(Collectors.joining(", ")));
    }

    /** The account and region when the scope names both, so resources are looked for there only. */
    private Optional<Scope> checkAccountAndRegion(Map<FaultScope.Field, String> values) {
        String account = values.get(FaultScope.Field.ACCOUNT);
        if (account != null && !account.matches("\\d{12}")) {
            throw invalid("scope.account", account, "12 digits");
        }
        String region = values.get(FaultScope.Field.REGION);
        if (region != null && regions.region(region).isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_REGION_NOT_FOUND, "The region '%s' does not exist", region);
        }
        return account != null && region != null ? Optional.of(new Scope(account, region)) : Optional.empty();
    }

    private void check(FaultScope.Field field, String value, Optional<Scope> only, World world) {
        switch (field) {
            case ACCOUNT, REGION -> { }
            case VPC -> exists(world, only, ResourceTypes.VPC, value, ErrorCode.INVALID_VPC_ID_NOT_FOUND, "vpc ID");
            case SUBNET -> exists(world, only, ResourceTypes.SUBNET, value, ErrorCode.INVALID_SUBNET_ID_NOT_FOUND, "subnet ID");
            case ENDPOINT -> exists(world, only, ResourceTypes.VPC_ENDPOINT, value, ErrorCode.INVALID_VPC_ENDPOINT_ID_NOT_FOUND, "VPC endpoint ID");
            case NETWORK_INTERFACE -> exists(world, only, ResourceTypes.NETWORK_INTERFACE, value, ErrorCode.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND,
                    "network interface ID");
            case ZONE -> {
                boolean known = regions.regions().stream().filter(region -> only.map(scope -> scope.region().equals(region.name())).orElse(true))
                        .map(Region::zones).flatMap(java.util.List::stream).anyMatch(zone -> zone.name().equals(value));
                if (!known) {
                    throw AwsException.of(ErrorCode.INVALID_ZONE_NOT_FOUND, "The zone '%s' does not exist%s.", value,
                            only.map(scope -> " in " + scope.region()).orElse(""));
                }
            }
            case SERVICE -> {
                if (!value.matches("[a-z0-9][a-z0-9.-]*")) {
                    throw invalid("scope.service", value, "a service's short name such as s3, sqs or ec2");
                }
            }
            case PRINCIPAL -> {
                if (!value.matches("arn:aws[a-z-]*:(iam|sts)::\\d{12}:(root|(user|role|assumed-role)/.+)")) {
                    throw invalid("scope.principal", value, "an IAM principal ARN such as arn:aws:iam::123456789012:role/app");
                }
            }
            case WORKLOAD -> {
                if (!value.matches("wl-[0-9a-f]{17}")) {
                    throw invalid("scope.workloadId", value, "a workload ID (wl- and 17 hex digits)");
                }
            }
        }
    }

    private static <T extends dev.backlane.core.model.Resource> void exists(World world, Optional<Scope> only, ResourceType<T> type, String id,
            ErrorCode notFound, String what) {
        boolean found = world.scopes().stream().filter(scope -> only.map(scope::equals).orElse(true))
                .anyMatch(scope -> world.find(scope, type, id).isPresent());
        if (!found) {
            throw AwsException.of(notFound, "The %s '%s' does not exist", what, id);
        }
    }

    private static FaultParameters parameters(FaultKind kind, FaultRequest request) {
        only(kind, "actions", !request.actions().isEmpty(), FaultKind.F4_POLICY_DENY);
        only(kind, "operations", !request.operations().isEmpty(), FaultKind.F7_THROTTLING, FaultKind.API_INTERNAL_ERROR, FaultKind.API_UNAVAILABLE);
        only(kind, "requestsPerSecond", request.requestsPerSecond().isPresent(), FaultKind.F7_THROTTLING);
        only(kind, "percentage", request.percentage().isPresent(), FaultKind.F7_THROTTLING, FaultKind.F8_TELEMETRY_LOSS, FaultKind.API_INTERNAL_ERROR,
                FaultKind.API_UNAVAILABLE);
        only(kind, "latency", request.latency().isPresent() || request.jitter().isPresent(), FaultKind.F7_THROTTLING);
        only(kind, "toxic", request.toxic().isPresent(), FaultKind.TOXIC);
        only(kind, "mode", request.mode().isPresent(), FaultKind.F6_ASYMMETRIC_ROUTING);
        only(kind, "bytesPerSecond", request.bytesPerSecond().isPresent(), FaultKind.F5_COST_SPIKE);
        only(kind, "totalBytes", request.totalBytes().isPresent(), FaultKind.F5_COST_SPIKE);
        only(kind, "delay", request.delay().isPresent(), FaultKind.F8_TELEMETRY_LOSS);
        only(kind, "telemetry", !request.telemetry().isEmpty(), FaultKind.F8_TELEMETRY_LOSS);
        if (request.percentage().isPresent() && request.requestsPerSecond().isPresent()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "Give either percentage or requestsPerSecond, not both");
        }
        Optional<Integer> percentage = request.percentage();
        if (percentage.isPresent() && (percentage.get() < 1 || percentage.get() > 100)) {
            throw invalid("percentage", String.valueOf(percentage.get()), "a whole number from 1 to 100");
        }
        Optional<Double> rate = request.requestsPerSecond();
        if (rate.isPresent() && !(rate.get() > 0 && rate.get() <= MAX_REQUESTS_PER_SECOND)) {
            throw invalid("requestsPerSecond", String.valueOf(rate.get()), "a number above 0 and at most 1000000");
        }
        for (String operation : request.operations()) {
            if (!operation.matches("[A-Z][A-Za-z0-9]*")) {
                throw invalid("operations", operation, "operation names of the service's API such as GetObject");
            }
        }
        FaultParameters plain = new FaultParameters(request.actions(), request.operations(), percentage, rate);
        return switch (kind) {
            case F1_PUBLIC_DNS, F2_SECURITY_GROUP_DROP, F3_ZONE_UNAVAILABLE, F4_POLICY_DENY -> plain;
            case F5_COST_SPIKE -> traffic(request);
            case F6_ASYMMETRIC_ROUTING -> new FaultParameters(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(request.mode().map(FaultCommand::streamBreak).orElse(StreamBreak.RESET)), Optional.empty(), Optional.empty(),
                    Optional.empty(), Set.of());
            case F7_THROTTLING -> throttling(request, plain);
            // Every call covered fails unless a share is asked for.
            case API_INTERNAL_ERROR, API_UNAVAILABLE -> new FaultParameters(List.of(), plain.operations(), Optional.of(percentage.orElse(100)),
                    Optional.empty());
            case F8_TELEMETRY_LOSS -> telemetryLoss(request, percentage);
            case TOXIC -> FaultParameters.of(ToxicRules.toxic(request.toxic().orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER,
                    "The request must contain the parameter toxic: a TOXIC fault names its toxic (type %s)", ToxicType.names()))));
        };
    }

    /** F7 throttles every call unless a share, a rate or only an added latency is asked for. */
    private static FaultParameters throttling(FaultRequest request, FaultParameters plain) {
        FaultParameters throttling = plain;
        if (plain.percentage().isEmpty() && plain.requestsPerSecond().isEmpty() && request.latency().isEmpty()) {
            throttling = new FaultParameters(plain.actions(), plain.operations(), Optional.of(100), Optional.empty());
        }
        if (request.jitter().isPresent() && request.latency().isEmpty()) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter latency: jitter varies an added latency");
        }
        if (request.latency().isPresent()) {
            long latency = ToxicRules.milliseconds("latency", request.latency().get());
            long jitter = ToxicRules.milliseconds("jitter", request.jitter().orElse(0L));
            if (latency == 0) {
                throw invalid("latency", "0", "a whole number of milliseconds from 1 to " + ToxicRules.MAX_MILLISECONDS);
            }
            throttling = throttling.withToxic(Toxic.latency(latency, jitter));
        }
        return throttling;
    }

    private static FaultParameters traffic(FaultRequest request) {
        long total = request.totalBytes().orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER,
                "The request must contain the parameter totalBytes: the volume of the extra traffic"));
        if (total < 1 || total > MAX_TOTAL_BYTES) {
            throw invalid("totalBytes", String.valueOf(total), "a number of bytes from 1 to " + MAX_TOTAL_BYTES);
        }
        long perSecond = request.bytesPerSecond().orElse(DEFAULT_BYTES_PER_SECOND);
        if (perSecond < 1 || perSecond > MAX_BYTES_PER_SECOND) {
            throw invalid("bytesPerSecond", String.valueOf(perSecond), "a number of bytes from 1 to " + MAX_BYTES_PER_SECOND);
        }
        return new FaultParameters(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(perSecond), Optional.of(total), Optional.empty(), Set.of());
    }

    /** F8 loses every record unless a share or a delay is asked for. */
    private static FaultParameters telemetryLoss(FaultRequest request, Optional<Integer> percentage) {
        Optional<Duration> delay = request.delay().map(text -> {
            Duration parsed;
            try {
                parsed = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw invalid("delay", text, "an ISO 8601 duration from PT1S to PT1H such as PT30S");
            }
            if (parsed.compareTo(Duration.ofSeconds(1)) < 0 || parsed.compareTo(MAX_TELEMETRY_DELAY) > 0) {
                throw invalid("delay", text, "an ISO 8601 duration from PT1S to PT1H such as PT30S");
            }
            return parsed;
        });
        EnumSet<TelemetryKind> kinds = EnumSet.noneOf(TelemetryKind.class);
        for (String name : request.telemetry()) {
            kinds.add(Stream.of(TelemetryKind.values()).filter(kind -> kind.wireName().equals(name.trim())).findFirst()
                    .orElseThrow(() -> invalid("telemetry", name, "flowLogs, metrics or queryLogs")));
        }
        Optional<Integer> lost = percentage.isEmpty() && delay.isEmpty() ? Optional.of(100) : percentage;
        return new FaultParameters(List.of(), List.of(), lost, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), delay, kinds);
    }

    private static StreamBreak streamBreak(String text) {
        return Stream.of(StreamBreak.values()).filter(mode -> mode.wireName().equals(text.trim().toLowerCase(java.util.Locale.ROOT))).findFirst()
                .orElseThrow(() -> invalid("mode", text, "reset or stall"));
    }

    private static void only(FaultKind kind, String parameter, boolean given, FaultKind... takenBy) {
        if (given && !List.of(takenBy).contains(kind)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_COMBINATION, "The parameter %s does not apply to %s faults; only %s faults take it.",
                    parameter, kind.label(), Stream.of(takenBy).map(FaultKind::label).collect(Collectors.joining(" and ")));
        }
    }

    private static Instant instant(String text, Instant now) {
        Instant start;
        try {
            start = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid("startTime", text, "an ISO 8601 time such as 2026-01-01T12:00:00Z");
        }
        if (start.isBefore(now)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter startTime is invalid. It is in the past (now is %s).",
                    text, now);
        }
        return start;
    }

    private static Duration duration(String text) {
        Duration duration;
        try {
            duration = Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw invalid("duration", text, "an ISO 8601 duration from PT1S to PT12H such as PT5M");
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw invalid("duration", text, "an ISO 8601 duration from PT1S to PT12H such as PT5M");
        }
        return duration;
    }

    static AwsException invalid(String parameter, String value, String expected) {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected %s.", value, parameter, expected);
    }
}
