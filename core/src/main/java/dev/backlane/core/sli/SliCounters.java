package dev.backlane.core.sli;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one key (an endpoint, a service, a zone, a workload, a VPC) saw in one stretch of time, the raw counts every
 * SLI is computed from: synthetic probes (M1), DNS answers for AWS names (M2), requests by outcome and status (M3,
 * M6), their latency (M4), bytes (M5), rejected flows (M8) and telemetry records offered and delivered (M9).
 * Not thread-safe: {@link SliSeries} synchronizes.
 */
public final class SliCounters {
    long probes;
    long probeFailures;
    long dnsAnswers;
    long dnsPrivate;
    long requests;
    long successes;
    long clientErrors;
    long throttles;
    long serverErrors;
    long unanswered;
    long bytes;
    long flows;
    long rejects;
    long telemetryOffered;
    long telemetryDelivered;
    final Map<Integer, Long> statuses = new TreeMap<>();
    LatencyHistogram latency;

    void add(SliCounters other) {
        probes += other.probes;
        probeFailures += other.probeFailures;
        dnsAnswers += other.dnsAnswers;
        dnsPrivate += other.dnsPrivate;
        requests += other.requests;
        successes += other.successes;
        clientErrors += other.clientErrors;
        throttles += other.throttles;
        serverErrors += other.serverErrors;
        unanswered += other.unanswered;
        bytes += other.bytes;
        flows += other.flows;
        rejects += other.rejects;
        telemetryOffered += other.telemetryOffered;
        telemetryDelivered += other.telemetryDelivered;
        other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
        if (other.latency != null) {
            latency().add(other.latency);
        }
    }

    LatencyHistogram latency() {
        if (latency == null) {
            latency = new LatencyHistogram();
        }
        return latency;
    }

    /** A request's outcome: its HTTP status (0 when the client got none: dropped, reset, stalled), latency and bytes. */
    void request(int status, long latencyNanos, long requestBytes) {
        requests++;
        flows++;
        bytes += requestBytes;
        if (status == 0) {
            unanswered++;
        } else {
            statuses.merge(status, 1L, Long::sum);
            if (status < 400) {
                successes++;
            } else if (status == 429) {
                throttles++;
            } else if (status < 500) {
                clientErrors++;
            } else {
                serverErrors++;
            }
        }
        latency().record(latencyNanos);
    }

    public long probes() {
        return probes;
    }

    public long probeFailures() {
        return probeFailures;
    }

    public long dnsAnswers() {
        return dnsAnswers;
    }

    public long dnsPrivate() {
        return dnsPrivate;
    }

    public long requests() {
        return requests;
    }

    public long successes() {
        return successes;
    }

    public long clientErrors() {
        return clientErrors;
    }

    public long throttles() {
        return throttles;
    }

    public long serverErrors() {
        return serverErrors;
    }

    public long unanswered() {
        return unanswered;
    }

    public long bytes() {
        return bytes;
    }

    public long flows() {
        return flows;
    }

    public long rejects() {
        return rejects;
    }

    public long telemetryOffered() {
        return telemetryOffered;
    }

    public long telemetryDelivered() {
        return telemetryDelivered;
    }

    public Map<Integer, Long> statuses() {
        return Map.copyOf(statuses);
    }

    /** The latency histogram (empty when no request was seen). */
    public LatencyHistogram latencies() {
        return latency == null ? new LatencyHistogram() : latency;
    }
}
