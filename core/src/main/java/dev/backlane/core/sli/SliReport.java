package dev.backlane.core.sli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The ten SLIs of one key over one window, with their SLOs. M4's baseline is the p95 of the day before the reading;
 * M6 lists the statuses with 429 (throttling) apart from the other client errors; M7 (provisioning) and M10 (cost per
 * GB) are facts of an endpoint, not of a window; M9 is read on the telemetry sinks' keys.
 */
public record SliReport(SliKey key, SliWindow window, List<Indicator> indicators, Map<Integer, Long> statuses) {
    public SliReport {
        requireNonNull(key, "key is null");
        requireNonNull(window, "window is null");
        indicators = List.copyOf(indicators);
        statuses = Map.copyOf(statuses);
    }

    /** Facts the counts do not hold: the endpoint's provisioning time (M7) and cost per GB (M10), when known. */
    public record EndpointFacts(Optional<Duration> provisioning, OptionalDouble costPerGb) {
        public static final EndpointFacts NONE = new EndpointFacts(Optional.empty(), OptionalDouble.empty());
    }

    static SliReport of(SliKey key, SliWindow window, SliCounters in, SliCounters day, SloTargets slo, EndpointFacts facts) {
        List<Indicator> indicators = new ArrayList<>();
        indicators.add(Indicator.atLeast("M1", "endpoint availability", in.probes() - in.probeFailures(), in.probes(), slo.availability(),
                "synthetic probes through the endpoint succeeded"));
        indicators.add(Indicator.atLeast("M2", "DNS private-resolve rate", in.dnsPrivate(), in.dnsAnswers(), slo.privateResolveRate(),
                "answers for AWS names were private addresses"));
        indicators.add(Indicator.atLeast("M3", "request success rate", in.successes(), in.requests(), slo.successRate(),
                "requests answered 2xx or 3xx"));
        indicators.add(latency(in, day, slo));
        indicators.add(Indicator.compared("M5", "bytes", in.requests() == 0 && in.bytes() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(in.bytes()), "bytes", OptionalDouble.empty(), false, in.bytes() + " bytes both ways"
                + (slo.bytesPerMonth().isPresent() ? " (the monthly budget of " + (long) slo.bytesPerMonth().getAsDouble() + " is checked by cost)" : "")));
        indicators.add(Indicator.atMost("M6", "client error rate (429 apart)", in.clientErrors(), in.requests(), slo.clientErrorRate(),
                "requests answered 4xx other than 429; " + in.throttles() + " throttled (429), " + in.serverErrors() + " 5xx, " + in.unanswered()
                        + " unanswered"));
        indicators.add(Indicator.compared("M7", "provisioning time", facts.provisioning().map(d -> OptionalDouble.of(d.toMillis() / 1000.0))
                .orElse(OptionalDouble.empty()), "seconds", slo.provisioningSeconds(), false, facts.provisioning().isPresent()
                ? "CreateVpcEndpoint to available, network interfaces ready" : "not an endpoint, or not available yet"));
        indicators.add(Indicator.atMost("M8", "flow-log reject rate", in.rejects(), in.flows(), slo.rejectRate(),
                "flows rejected by a security group or network ACL"));
        // Records held back by an F8 delay are delivered in a later window than the one they were offered in: counted
        // delivered up to what that window was offered, so the ratio never passes 1.
        indicators.add(Indicator.atLeast("M9", "telemetry ingestion success", Math.min(in.telemetryDelivered(), in.telemetryOffered()),
                in.telemetryOffered(),
                slo.telemetryIngestionRate(), "telemetry records delivered"));
        indicators.add(Indicator.compared("M10", "cost per GB", facts.costPerGb(), "USD per GB", slo.costPerGb(), false,
                facts.costPerGb().isPresent() ? "the month's cost at the observed traffic over its GB (backlane cost)" : "no traffic, or not an endpoint"));
        return new SliReport(key, window, indicators, in.statuses());
    }

    private static Indicator latency(SliCounters in, SliCounters day, SloTargets slo) {
        LatencyHistogram histogram = in.latencies();
        if (histogram.count() == 0) {
            return Indicator.compared("M4", "latency p95", OptionalDouble.empty(), "milliseconds", OptionalDouble.empty(), false, "no request");
        }
        double p95 = histogram.percentile(0.95) / 1e6;
        double baseline = day.latencies().percentile(0.95) / 1e6;
        OptionalDouble target = slo.latencyP95OverBaselineMillis().isPresent()
                ? OptionalDouble.of(baseline + slo.latencyP95OverBaselineMillis().getAsDouble()) : OptionalDouble.empty();
        String basis = String.format(java.util.Locale.ROOT, "p50 %.3f ms, p95 %.3f ms, p99 %.3f ms of %d requests; baseline p95 %.3f ms (the last day)",
                histogram.percentile(0.5) / 1e6, p95, histogram.percentile(0.99) / 1e6, histogram.count(), baseline);
        return Indicator.compared("M4", "latency p95", OptionalDouble.of(p95), "milliseconds", target, false, basis);
    }

    public Indicator indicator(String id) {
        return indicators.stream().filter(indicator -> indicator.id().equals(id)).findFirst().orElseThrow();
    }
}
