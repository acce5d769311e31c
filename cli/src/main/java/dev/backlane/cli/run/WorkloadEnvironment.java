package dev.backlane.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a program started by {@code backlane run} gets, so that its AWS calls reach its workload's
 * gateway whatever client it uses:
 * <ul>
 *   <li>{@code AWS_ENDPOINT_URL}: the gateway, for the AWS CLI v2 and v1 (with botocore 1.31 or later), boto3 from 1.28 and the SDKs
 *       that read it; they sign for the real service and region, which the gateway reads.</li>
 *   <li>{@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} (and the lower-case names that curl and Python
 *       read): the gateway, for clients that ignore {@code AWS_ENDPOINT_URL} and call AWS's real host names; the
 *       gateway then takes the service from the host. {@code NO_PROXY} gets the loopback names added, so that a
 *       client following {@code AWS_ENDPOINT_URL} talks to the gateway directly instead of through itself.</li>
 *   <li>{@code AWS_REGION} and {@code AWS_DEFAULT_REGION}: the workload's region; {@code BACKLANE_DNS}: the
 *       VPC's DNS listener ({@code 127.0.0.1:PORT}); {@code BACKLANE_WORKLOAD}: the workload's ID.</li>
 *   <li>With {@code --listen}: the loopback ports to bind ({@link #listening}).</li>
 *   <li>When the environment names no credentials ({@code AWS_ACCESS_KEY_ID} or {@code AWS_PROFILE}), the
 *       workload's account as the access key ID (Backlane reads the account from it) and a dummy secret.</li>
 * </ul>
 */
public final class WorkloadEnvironment {
    private static final String LOOPBACK = "127.0.0.1,localhost,::1";

    private WorkloadEnvironment() {}

    /** The variables to set over {@code inherited}, for the workload Backlane described as {@code workload}. */
    public static Map<String, String> of(JsonNode workload, Map<String, String> inherited) {
        Map<String, String> set = new LinkedHashMap<>();
        String gateway = workload.path("endpointUrl").asText();
        set.put("AWS_ENDPOINT_URL", gateway);
        for (String proxy : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}) {
            set.put(proxy, gateway);
            set.put(proxy.toLowerCase(java.util.Locale.ROOT), gateway);
        }
        String noProxy = inherited.getOrDefault("NO_PROXY", inherited.getOrDefault("no_proxy", ""));
        String withLoopback = noProxy.isBlank() ? LOOPBACK : noProxy + "," + LOOPBACK;
        set.put("NO_PROXY", withLoopback);
        set.put("no_proxy", withLoopback);
        String region = workload.path("region").asText();
        set.put("AWS_REGION", region);
        set.put("AWS_DEFAULT_REGION", region);
        JsonNode dns = workload.path("dns");
        if (dns.isObject()) {
            set.put("BACKLANE_DNS", dns.path("address").asText() + ":" + dns.path("port").asInt());
        }
        set.put("BACKLANE_WORKLOAD", workload.path("workloadId").asText());
        if (!inherited.containsKey("AWS_ACCESS_KEY_ID") && !inherited.containsKey("AWS_PROFILE")) {
            set.put("AWS_ACCESS_KEY_ID", workload.path("account").asText());
            set.put("AWS_SECRET_ACCESS_KEY", "backlane");
        }
        return set;
    }

    /**
     * The variables that tell a program started with {@code --listen} which loopback port to bind for each port of the
     * workload it serves: {@code PORT} and {@code BACKLANE_LISTEN_PORT} for the first (the convention of platforms that
     * hand a server its port), {@code BACKLANE_LISTEN_PORT_<PORT>} for each; none without {@code --listen}.
     */
    public static Map<String, String> listening(Map<Integer, Integer> hostPorts) {
        Map<String, String> set = new LinkedHashMap<>();
        hostPorts.forEach((port, hostPort) -> {
            if (set.isEmpty()) {
                set.put("PORT", String.valueOf(hostPort));
                set.put("BACKLANE_LISTEN_PORT", String.valueOf(hostPort));
            }
            set.put("BACKLANE_LISTEN_PORT_" + port, String.valueOf(hostPort));
        });
        return set;
    }
}
