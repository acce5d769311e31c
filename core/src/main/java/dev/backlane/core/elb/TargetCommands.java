package dev.backlane.core.elb;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceState;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Registering and deregistering targets, and their health. A target's health is what the health
 * checks last observed ({@link #recordHealth}, reported by the data plane's prober on each change).
 * A target no check has reported on is {@code initial} for as long as AWS's checks would take to pass
 * (interval × healthy threshold) after registration, then {@code healthy}; a target group no listener
 * uses reports {@code unused} whatever was observed.
 */
public final class TargetCommands {
    private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?");

    private final Quotas quotas;

    public TargetCommands(Quotas quotas) {
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** A target as given to RegisterTargets, DeregisterTargets or DescribeTargetHealth. */
    public record TargetRequest(String id, Integer port, String availabilityZone) {
        public TargetRequest {
            requireNonNull(id, "id is null");
        }
    }

    public TargetGroup register(Transaction transaction, String targetGroupArn, List<TargetRequest> requests) {
        TargetGroup group = ElbArns.get(transaction, ResourceTypes.TARGET_GROUP, ElbArns.requireTargetGroup(targetGroupArn));
        List<Target> targets = new ArrayList<>(group.targets());
        for (TargetRequest request : requests) {
            Integer port = port(group, request);
            checkTarget(transaction, group, request);
            Instant now = transaction.now();
            // A target registered again while it drains (or after its delay, before it was swept) starts over.
            targets.removeIf(target -> target.sameAs(request.id(), port) && target.isDeregistering());
            if (targets.stream().noneMatch(target -> target.sameAs(request.id(), port))) {
                targets.add(new Target(request.id(), port, request.availabilityZone(), now));
            }
        }
        quotas.check("targets-per-target-group", targets.size() - 1, ErrorCode.TOO_MANY_TARGETS,
                "The quota for the number of targets per target group has been reached");
        return transaction.put(ResourceTypes.TARGET_GROUP, group.withTargets(targets));
    }

    /**
     * Deregisters targets; a target that is not registered is passed over, as AWS does. A target of a group that a
     * listener uses goes {@code draining} for the group's deregistration delay and leaves when it ends
     * ({@link #completeDeregistrations}); one of a group no load balancer uses, or with no delay, leaves at once.
     */
    public TargetGroup deregister(Transaction transaction, String targetGroupArn, List<TargetRequest> requests) {
        TargetGroup group = ElbArns.get(transaction, ResourceTypes.TARGET_GROUP, ElbArns.requireTargetGroup(targetGroupArn));
        boolean drains = !group.deregistrationDelay().isZero()
                && transaction.all(ResourceTypes.LISTENER).stream().anyMatch(listener -> listener.forwardsTo(group.id()));
        List<Target> targets = new ArrayList<>(group.targets());
        for (TargetRequest request : requests) {
            Integer port = request.port() == null ? group.port() : request.port();
            Predicate<Target> named = target -> request.port() == null && group.targetType() != TargetType.LAMBDA
                    ? target.id().equals(request.id())
                    : target.sameAs(request.id(), port);
            if (drains) {
                targets.replaceAll(target -> named.test(target) && !target.isDeregistering() ? target.deregisteredAt(transaction.now()) : target);
            } else {
                targets.removeIf(named);
            }
        }
        return transaction.put(ResourceTypes.TARGET_GROUP, group.withTargets(targets));
    }

    /** A target that left its group when its deregistration delay ended, with its private address in the group's VPC. */
    public record Deregistered(TargetGroup group, Target target, String address) {
        public Deregistered {
            requireNonNull(group, "group is null");
            requireNonNull(target, "target is null");
            requireNonNull(address, "address is null");
        }
    }

    /**
     * Removes from every target group of the scope the targets whose deregistration delay has ended, and says which
     * left (none when nothing was due, and then nothing is written): the end of a deregistration, which the data plane
     * acts on (connections to the target). Until it runs, such a target is already reported as not registered.
     */
    public static List<Deregistered> completeDeregistrations(Transaction transaction) {
        Instant now = transaction.now();
        List<Deregistered> left = new ArrayList<>();
        for (TargetGroup group : List.copyOf(transaction.all(ResourceTypes.TARGET_GROUP))) {
            List<Target> staying = new ArrayList<>();
            for (Target target : group.targets()) {
                if (group.hasLeft(target, now)) {
                    left.add(new Deregistered(group, target, address(transaction, group, target)));
                } else {
                    staying.add(target);
                }
            }
            if (staying.size() < group.targets().size()) {
                transaction.put(ResourceTypes.TARGET_GROUP, group.withTargets(staying));
            }
        }
        return left;
    }

    /** Whether any target of the scope has reached the end of its deregistration delay: a read, to skip the write when none has. */
    public static boolean deregistrationsDue(ScopeState state, Instant now) {
        return state.all(ResourceTypes.TARGET_GROUP).stream().anyMatch(group -> group.targets().stream().anyMatch(target -> group.hasLeft(target, now)));
    }

    private static String address(Transaction transaction, TargetGroup group, Target target) {
        return address(group, target, id -> transaction.find(ResourceTypes.INSTANCE, id));
    }

    /** An IP target's address, or an instance's primary private address (its ID when the instance is gone). */
    static String address(TargetGroup group, Target target, Function<String, Optional<Instance>> instances) {
        if (group.targetType() != TargetType.INSTANCE) {
            return target.id();
        }
        return instances.apply(target.id()).map(Instance::privateIpAddress).filter(found -> found != null).orElse(target.id());
    }

    /**
     * Records a target's health as a health check observed it at {@code at}: the prober calls this when
     * a target's state or reason changes, not on every check. A target that is no longer registered, or
     * whose group is gone (removed while it was being checked), is passed over; returns whether the
     * health was recorded.
     */
    public static boolean recordHealth(Transaction transaction, String targetGroupArn, String targetId, Integer port, TargetHealthState state,
            TargetHealthReason reason, String description, Instant at) {
        TargetGroup group = transaction.find(ResourceTypes.TARGET_GROUP, targetGroupArn).orElse(null);
        if (group == null) {
            return false;
        }
        List<Target> targets = new ArrayList<>(group.targets());
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).sameAs(targetId, port)) {
                // A new reason in the same state keeps the time the state began: an unhealthy target's draining counts from it.
                ObservedHealth previous = targets.get(i).observedHealth();
                Instant since = previous != null && previous.state() == state ? previous.observedTime() : at;
                targets.set(i, targets.get(i).withObservedHealth(new ObservedHealth(state, reason, description, since)));
                transaction.put(ResourceTypes.TARGET_GROUP, group.withTargets(targets));
                return true;
            }
        }
        return false;
    }

    /** The health of the requested targets, or of every registered target when none are requested. */
    public static List<TargetHealth> health(ScopeState state, String targetGroupArn, List<TargetRequest> requests, Instant now) {
        ElbArns.requireTargetGroup(targetGroupArn);
        TargetGroup group = state.find(ResourceTypes.TARGET_GROUP, targetGroupArn).orElseThrow(() -> ResourceTypes.TARGET_GROUP.notFound(targetGroupArn));
        boolean inUse = state.all(ResourceTypes.LISTENER).stream().anyMatch(listener -> listener.forwardsTo(targetGroupArn));
        List<TargetHealth> result = new ArrayList<>();
        // A target whose deregistration delay is over has left, even before it is swept from the group.
        List<Target> registered = group.targets().stream().filter(target -> !group.hasLeft(target, now)).toList();
        if (requests.isEmpty()) {
            registered.forEach(target -> result.add(health(group, target, inUse, now)));
            return result;
        }
        for (TargetRequest request : requests) {
            Integer port = request.port() == null ? group.port() : request.port();
            List<Target> matching = registered.stream()
                    .filter(target -> request.port() == null ? target.id().equals(request.id()) : target.sameAs(request.id(), port))
                    .toList();
            if (matching.isEmpty()) {
                result.add(new TargetHealth(request.id(), port, request.availabilityZone(), healthCheckPort(group, port), "unused",
                        "Target.NotRegistered", "Target is not registered to the target group"));
            }
            matching.forEach(target -> result.add(health(group, target, inUse, now)));
        }
        return result;
    }

    /** The health DescribeTargetHealth reports for one registered target of {@code group}, used by a listener or not. */
    public static TargetHealth health(TargetGroup group, Target target, boolean inUse, Instant now) {
        String healthCheckPort = healthCheckPort(group, target.port());
        if (target.isDeregistering()) {
            return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, "draining",
                    "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        if (!inUse) {
            return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, "unused", "Target.NotInUse",
                    "Target group is not configured to receive traffic from the load balancer");
        }
        if (!group.healthCheck().enabled()) {
            return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, "unavailable",
                    "Target.HealthCheckDisabled", "Health checks are disabled");
        }
        ObservedHealth observed = target.observedHealth();
        if (observed != null) {
            String state = UnhealthyTargets.isDraining(group, target, now) ? TargetHealthState.UNHEALTHY_DRAINING.wireName() : observed.state().wireName();
            return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, state,
                    observed.reason() == null ? null : observed.reason().wireName(), observed.description());
        }
        Duration checking = Duration.ofSeconds((long) group.healthCheck().intervalSeconds() * group.healthCheck().healthyThreshold());
        if (now.isBefore(target.registeredTime().plus(checking))) {
            return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, "initial",
                    "Elb.RegistrationInProgress", "Target registration is in progress");
        }
        return new TargetHealth(target.id(), target.port(), target.availabilityZone(), healthCheckPort, "healthy", null, null);
    }

    private static String healthCheckPort(TargetGroup group, Integer port) {
        String configured = group.healthCheck().port();
        if (group.targetType() == TargetType.LAMBDA) {
            return null;
        }
        return configured.equals("traffic-port") ? (port == null ? null : String.valueOf(port)) : configured;
    }

    private static Integer port(TargetGroup group, TargetRequest request) {
        if (group.targetType() == TargetType.LAMBDA) {
            if (request.port() != null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A port cannot be specified for targets of lambda target groups");
            }
            return null;
        }
        Integer port = request.port() == null ? group.port() : request.port();
        if (port == null || port < 1 || port > 65535) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Port for target '%s' must be from 1 to 65535", request.id());
        }
        return port;
    }

    private static void checkTarget(Transaction transaction, TargetGroup group, TargetRequest request) {
        switch (group.targetType()) {
            case INSTANCE -> checkInstance(transaction, group, request);
            case IP -> checkAddress(transaction, group, request);
            case LAMBDA -> {
                if (!LAMBDA_ARN.matcher(request.id()).matches()) {
                    throw AwsException.of(ErrorCode.INVALID_TARGET, "'%s' is not a valid Lambda function ARN", request.id());
                }
                if (!group.targets().isEmpty() && group.targets().stream().noneMatch(target -> target.id().equals(request.id()))) {
                    throw AwsException.of(ErrorCode.TOO_MANY_TARGETS, "A lambda target group can have only one target");
                }
            }
            case ALB -> {
                LoadBalancer target = transaction.find(ResourceTypes.LOAD_BALANCER, request.id())
                        .filter(loadBalancer -> loadBalancer.type() == LoadBalancerType.APPLICATION)
                        .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_TARGET, "The following targets are not application load balancers: '%s'",
                                request.id()));
                if (!target.vpcId().equals(group.vpcId())) {
                    throw AwsException.of(ErrorCode.INVALID_TARGET, "Application load balancer '%s' is not in the target group's VPC '%s'",
                            request.id(), group.vpcId());
                }
            }
        }
    }

    /**
     * An instance target must be an instance of the group's VPC that is running when it is registered
     * (Elastic Load Balancing User Guide, "Register targets"); a terminated one no longer counts.
     */
    private static void checkInstance(Transaction transaction, TargetGroup group, TargetRequest request) {
        Instance instance = transaction.find(ResourceTypes.INSTANCE, request.id())
                .filter(found -> !found.releasesVpc())
                .orElseThrow(() -> AwsException.of(ErrorCode.INVALID_TARGET, "The following targets are not valid instances: '%s'", request.id()));
        if (!instance.vpcId().equals(group.vpcId())) {
            throw AwsException.of(ErrorCode.INVALID_TARGET, "The following targets are not in the target group VPC '%s': '%s'", group.vpcId(),
                    request.id());
        }
        if (instance.state(transaction.now()) != InstanceState.RUNNING) {
            throw AwsException.of(ErrorCode.INVALID_TARGET, "The following targets are not in a running state and cannot be registered: '%s'",
                    request.id());
        }
    }

    private static void checkAddress(Transaction transaction, TargetGroup group, TargetRequest request) {
        long address = Ipv4Address.parse(request.id()).orElseThrow(() -> AwsException.of(ErrorCode.INVALID_TARGET,
                "The IP address '%s' is not a valid IPv4 address", request.id()));
        Vpc vpc = transaction.get(ResourceTypes.VPC, group.vpcId());
        boolean inVpc = vpc.associatedCidrs().stream().anyMatch(cidr -> Ipv4Cidr.parse(cidr).orElseThrow().contains(address));
        if (inVpc) {
            if ("all".equals(request.availabilityZone())) {
                throw AwsException.of(ErrorCode.INVALID_TARGET, "The availability zone 'all' can only be used for IP addresses outside the VPC: '%s'",
                        request.id());
            }
            return;
        }
        // An ip target outside the VPC (zone all) must still be in a private range.
        boolean privateRange = Ipv4Address.isPrivate(address);
        if (!privateRange) {
            throw AwsException.of(ErrorCode.INVALID_TARGET, "The IP address '%s' is not in the VPC '%s' or in a private address range",
                    request.id(), vpc.id());
        }
        if (!"all".equals(request.availabilityZone())) {
            throw AwsException.of(ErrorCode.INVALID_TARGET, "The availability zone must be 'all' for IP address '%s', which is outside the VPC '%s'",
                    request.id(), vpc.id());
        }
    }
}
