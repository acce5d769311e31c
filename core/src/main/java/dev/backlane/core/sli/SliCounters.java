package dev.backlane.core.sli;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one key (an endpoint, a service, a zone, a workload, a VPC) saw in one stretch of time, the raw counts every
 * SLI is computed from: synthetic probes (M1), DNS answers for AWS names (M2), requests by outcome and status (M3,
 * M6), their latency (M4), bytes (M5), rejected flows (M8) and telemetry records offered and delivered (M9).
 * Not thread-safe: {@link SliSeries} synchronizes.
 */
public final class SliCounters {
    private static final int[] NO_CODES = new int[0];
    private static final long[] NO_COUNTS = new long[0];

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
    /** HTTP statuses seen, ascending, and their counts: a few per minute, so two small arrays rather than a map of boxes. */
    private int[] statusCodes = NO_CODES;
    private long[] statusCounts = NO_COUNTS;
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
        for (int i = 0; i < other.statusCodes.length; i++) {
            status(other.statusCodes[i], other.statusCounts[i]);
        }
        if (other.latency != null) {
            latency().add(other.latency);
        }
    }

    private void status(int code, long count) {
        int at = Arrays.binarySearch(statusCodes, code);
        if (at >= 0) {
            statusCounts[at] += count;
            return;
        }
        at = -at - 1;
        int[] codes = new int[statusCodes.length + 1];
        long[] counts = new long[statusCodes.length + 1];
        System.arraycopy(statusCodes, 0, codes, 0, at);
        System.arraycopy(statusCounts, 0, counts, 0, at);
        codes[at] = code;
        counts[at] = count;
        System.arraycopy(statusCodes, at, codes, at + 1, statusCodes.length - at);
        System.arraycopy(statusCounts, at, counts, at + 1, statusCodes.length - at);
        statusCodes = codes;
        statusCounts = counts;
    }

    LatencyHistogram latency() {
        if (latency == null) {
            latency = new LatencyHistogram();
        }
        return latency;
    }

    /**
     * A request's outcome: its HTTP status (0 when the client got none: dropped, reset, stalled), latency (as its
     * {@link LatencyHistogram#bucket}) and bytes.
     */
    void request(int status, int latencyBucket, long requestBytes) {
        requests++;
        flows++;
        bytes += requestBytes;
        if (status == 0) {
            unanswered++;
        } else {
            status(status, 1);
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
        latency().recordBucket(latencyBucket);
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

    /** The count of each HTTP status, ascending. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < statusCodes.length; i++) {
            statuses.put(statusCodes[i], statusCounts[i]);
        }
        return statuses;
    }

    /** The latency histogram (empty when no request was seen). */
    public LatencyHistogram latencies() {
        return latency == null ? new LatencyHistogram() : latency;
    }
}
