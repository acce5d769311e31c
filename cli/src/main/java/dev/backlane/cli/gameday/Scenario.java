package dev.backlane.cli.gameday;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A game day as its file describes it, validated: the world it sets up (or the workloads it finds), the steady
 * traffic, the hypotheses on the SLIs and the steps (faults, FIS experiments, endpoint deletions, waits, recovery).
 * Strings in fault scopes and FIS templates may name the scenario's own resources as {@code ${endpoint.NAME}},
 * {@code ${subnet.NAME}}, {@code ${workload.NAME}}, {@code ${vpc}}, {@code ${account}} and {@code ${region}}.
 */
record Scenario(String name, String description, Setup setup, List<Traffic> traffic, List<Hypothesis> hypotheses, List<Step> steps) {
    Scenario {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(setup, "setup is null");
        traffic = List.copyOf(traffic);
        hypotheses = List.copyOf(hypotheses);
        steps = List.copyOf(steps);
    }

    /** Where a scenario's account, region, network and workloads come from. */
    record Setup(String account, String region, Optional<Network> network, List<WorkloadSpec> workloads) {
        Setup {
            workloads = List.copyOf(workloads);
        }
    }

    /** A VPC to build through the EC2 API: its subnets (named) and interface endpoints (named). */
    record Network(String cidr, List<SubnetSpec> subnets, List<EndpointSpec> endpoints) {
        Network {
            subnets = List.copyOf(subnets);
            endpoints = List.copyOf(endpoints);
        }
    }

    record SubnetSpec(String name, String zone, String cidr) {}

    /**
     * An interface endpoint in the named subnets to the AWS service {@code service} (short name: sts, ec2...) or to the
     * endpoint service {@code serviceName} (full name: a PrivateLink service, {@code com.amazonaws.vpce.REGION.vpce-svc-...}).
     */
    record EndpointSpec(String name, Optional<String> service, Optional<String> serviceName, List<String> subnets, boolean privateDns) {
        EndpointSpec {
            subnets = List.copyOf(subnets);
            if (service.isPresent() == serviceName.isPresent()) {
                throw new IllegalArgumentException("an endpoint is to an AWS service or to an endpoint service: " + name);
            }
        }

        /** The name CreateVpcEndpoint takes. */
        String fullServiceName(String region) {
            return serviceName.orElseGet(() -> "com.amazonaws." + region + "." + service.orElseThrow());
        }
    }

    /** A workload placed in a subnet of the scenario's network (or by subnet ID), or one already placed ({@code workloadId}). */
    record WorkloadSpec(String name, Optional<String> subnet, Optional<String> workloadId, Optional<String> principal) {}

    /** Steady traffic: {@code rate} calls a second of one kind from a workload, each with a timeout and SDK-style retries. */
    record Traffic(String workload, Kind kind, double rate, Duration timeout, int retries, boolean resolve) {
        Traffic {
            requireNonNull(workload, "workload is null");
            requireNonNull(kind, "kind is null");
        }
    }

    /** What each call of a traffic entry is: an AWS API call, or a TCP connection through an interface endpoint. */
    sealed interface Kind permits Api, Tcp {}

    /** A signed AWS API request through the workload's gateway. */
    record Api(AwsCall call) implements Kind {}

    /**
     * A TCP connection through the workload's gateway (HTTP CONNECT) to the named endpoint of the scenario's network,
     * by its DNS name, on {@code port}: {@code payload} bytes are sent, and the call succeeds when the service answers.
     */
    record Tcp(String endpoint, int port, int payload) implements Kind {}

    /** Where in the game day a hypothesis is judged. */
    enum Phase {
        BASELINE, FAULT, RECOVERY, ALL;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** "M3 >= 99.9 during fault": the signal's value over the phase compared with a threshold (a percentage for ratios). */
    record Hypothesis(String expect, Signal signal, boolean atLeast, double threshold, Phase during) {}

    /** One step of the game day, and where the file says it ({@code steps[2]}, line 31), for errors at run time. */
    sealed interface Step permits Wait, InjectFault, StartExperiment, End, DeleteEndpoint, CreateEndpoint {
        String where();
    }

    record Wait(Duration duration, String where) implements Step {}

    /** A fault made through {@code /_backlane/faults}: its admin request without duration, which is scaled at run time. */
    record InjectFault(String name, String kind, JsonNode request, Duration duration, String where) implements Step {}

    /** An experiment template made and started through the FIS API. */
    record StartExperiment(String name, JsonNode template, String where) implements Step {}

    /** Ends the named fault (removed) or experiment (stopped) before its time. */
    record End(String name, String where) implements Step {}

    /** Deletes the named endpoint through the EC2 API: its incident lasts until a {@link CreateEndpoint} makes it available again. */
    record DeleteEndpoint(String endpoint, String where) implements Step {}

    record CreateEndpoint(String endpoint, String where) implements Step {}
}
