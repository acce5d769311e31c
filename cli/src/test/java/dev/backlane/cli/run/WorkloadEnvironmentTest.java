package dev.backlane.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadEnvironmentTest {
    private static final JsonNode WORKLOAD = read("""
            {"workloadId": "wl-0123456789abcdef0", "account": "111122223333", "region": "eu-west-1",
             "gateway": {"address": "127.0.0.1", "port": 40001}, "endpointUrl": "http://127.0.0.1:40001",
             "dns": {"address": "127.0.0.1", "port": 40002}}
            """);

    @Test
    void everyClientFindsTheGatewayAndLoopbackBypassesTheProxy() {
        Map<String, String> set = WorkloadEnvironment.of(WORKLOAD, Map.of("NO_PROXY", "internal.example"));

        for (String name : new String[] {"AWS_ENDPOINT_URL", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"}) {
            assertEquals("http://127.0.0.1:40001", set.get(name), name);
        }
        assertEquals("internal.example,127.0.0.1,localhost,::1", set.get("NO_PROXY"));
        assertEquals(set.get("NO_PROXY"), set.get("no_proxy"));
        assertEquals("eu-west-1", set.get("AWS_REGION"));
        assertEquals("eu-west-1", set.get("AWS_DEFAULT_REGION"));
        assertEquals("127.0.0.1:40002", set.get("BACKLANE_DNS"));
        assertEquals("wl-0123456789abcdef0", set.get("BACKLANE_WORKLOAD"));
    }

    @Test
    void credentialsAreTheWorkloadsAccountOnlyWhenTheCallerHasNone() {
        assertEquals("111122223333", WorkloadEnvironment.of(WORKLOAD, Map.of()).get("AWS_ACCESS_KEY_ID"));
        assertFalse(WorkloadEnvironment.of(WORKLOAD, Map.of("AWS_ACCESS_KEY_ID", "222233334444")).containsKey("AWS_ACCESS_KEY_ID"));
        assertFalse(WorkloadEnvironment.of(WORKLOAD, Map.of("AWS_PROFILE", "dev")).containsKey("AWS_SECRET_ACCESS_KEY"));
        assertEquals("127.0.0.1,localhost,::1", WorkloadEnvironment.of(WORKLOAD, Map.of()).get("NO_PROXY"));
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFirstListenedPortIsPortAndEachHasItsOwnVariable() {
        Map<Integer, Integer> ports = new java.util.LinkedHashMap<>();
        ports.put(8080, 41001);
        ports.put(9090, 41002);

        Map<String, String> set = WorkloadEnvironment.listening(ports);

        assertEquals(Map.of("PORT", "41001", "BACKLANE_LISTEN_PORT", "41001", "BACKLANE_LISTEN_PORT_8080", "41001", "BACKLANE_LISTEN_PORT_9090", "41002"),
                set);
        assertEquals(Map.of(), WorkloadEnvironment.listening(Map.of()));
    }
}
