package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.cli.common.AdminClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code /_backlane/sli} over six hours (counted per minute, so two readings' difference is what happened between
 * them) and sums each ratio's numerator and denominator over the scenario's keys: its workloads (M3, M6, M8), its
 * VPCs (M2), its endpoints (M1) and every telemetry sink (M9). Also keeps each SLI's objective as the server states it.
 */
final class SliSampler {
    private final AdminClient server;
    private final Set<String> workloads = ConcurrentHashMap.newKeySet();
    private final Set<String> vpcs = ConcurrentHashMap.newKeySet();
    private final Set<String> endpoints = ConcurrentHashMap.newKeySet();
    private final Map<Signal, String> objectives = new ConcurrentHashMap<>();

    SliSampler(AdminClient server) {
        this.server = server;
    }

    void watchWorkload(String id, String vpcId) {
        workloads.add(id);
        vpcs.add(vpcId);
    }

    void watchEndpoint(String id) {
        endpoints.add(id);
    }

    /** The server's objective for the signal ({@code >= 0.999}), once a reading has given it. */
    Map<Signal, String> objectives() {
        return objectives;
    }

    Map<Signal, long[]> read() {
        JsonNode answer = server.getJson("/_backlane/sli?window=6h", "the SLIs");
        Map<Signal, long[]> sums = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            if (signal.fromServer()) {
                sums.put(signal, new long[2]);
            }
        }
        for (JsonNode report : answer.path("reports")) {
            String kind = report.path("kind").asText();
            String id = report.path("id").asText();
            for (JsonNode indicator : report.path("indicators")) {
                Signal.parse(indicator.path("id").asText()).filter(Signal::fromServer).ifPresent(signal -> {
                    if (!indicator.path("objective").isNull()) {
                        objectives.putIfAbsent(signal, indicator.path("objective").asText());
                    }
                    if (watched(signal, kind, id) && indicator.has("denominator")) {
                        long[] sum = sums.get(signal);
                        sum[0] += indicator.path("numerator").asLong();
                        sum[1] += indicator.path("denominator").asLong();
                    }
                });
            }
        }
        return sums;
    }

    private boolean watched(Signal signal, String kind, String id) {
        return switch (signal) {
            case M1 -> kind.equals("endpoint") && endpoints.contains(id);
            case M2 -> kind.equals("vpc") && vpcs.contains(id);
            case M3, M6, M8 -> kind.equals("workload") && workloads.contains(id);
            case M9 -> kind.equals("sink");
            case CLIENT_SUCCESS, CLIENT_LATENCY_P95 -> false;
        };
    }
}
