package dev.backlane.cli.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code backlane fault add KIND}: one fault, scoped and time-boxed, made through {@code POST /_backlane/faults}. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Inject a fault: F1 (private DNS answers public), F2 (endpoint security groups drop), F3 (a zone's endpoint "
                + "interfaces down), F4 (a Deny layered on the endpoint policy), F5 (extra traffic), F6 (established connections reset or "
                + "stall), F7 (throttling, added latency), F8 (telemetry lost or delayed) or TOXIC (a Toxiproxy-style toxic). Prints its ID.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the fault is made", "1:Backlane refused the fault (the message names the parameter)", ExitCode.USAGE_LINE,
                ExitCode.UNREACHABLE_LINE})
public final class FaultAddCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "F1 ... F8 or TOXIC.")
    private String kind;

    @Option(names = "--account", paramLabel = "ID", description = "Only in this account.")
    private String account;

    @Option(names = "--region", paramLabel = "REGION", description = "Only in this region.")
    private String region;

    @Option(names = "--vpc", paramLabel = "VPC_ID", description = "Only in this VPC.")
    private String vpc;

    @Option(names = "--subnet", paramLabel = "SUBNET_ID", description = "Only traffic from this subnet (not F1, F3).")
    private String subnet;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Only this Availability Zone (name, e.g. us-east-1a); F3 requires it.")
    private String zone;

    @Option(names = "--endpoint", paramLabel = "VPCE_ID", description = "Only this VPC endpoint.")
    private String endpoint;

    @Option(names = "--service", paramLabel = "NAME", description = "Only this service (short name: s3, sqs, ec2...).")
    private String service;

    @Option(names = "--workload", paramLabel = "WL_ID", description = "Only this workload's traffic (not F1, F3).")
    private String workload;

    @Option(names = "--network-interface", paramLabel = "ENI_ID", description = "Only traffic from this network interface (not F1, F3).")
    private String networkInterface;

    @Option(names = "--principal", paramLabel = "ARN", description = "Only calls made as this principal (F4, F7).")
    private String principal;

    @Option(names = "--action", paramLabel = "ACTION", description = "F4: an IAM action the Deny names (repeatable; default *).")
    private List<String> actions = new ArrayList<>();

    @Option(names = "--operation", paramLabel = "NAME", description = "F7: only this operation, e.g. GetObject (repeatable; default all).")
    private List<String> operations = new ArrayList<>();

    @Option(names = "--percentage", paramLabel = "N", description = "F7: throttle N% of the calls, spread evenly (default 100).")
    private Integer percentage;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "F7: admit this many calls per second, throttle the rest.")
    private Double rate;

    @Option(names = "--latency", paramLabel = "MS", description = "F7: add this many milliseconds to the replies (alone: delay, no throttling).")
    private Long latency;

    @Option(names = "--jitter", paramLabel = "MS", description = "F7: vary the added latency by up to this many milliseconds either way.")
    private Long jitter;

    @Option(names = "--toxic", paramLabel = "TYPE",
            description = "TOXIC: latency, bandwidth, slow_close, timeout, reset_peer or limit_data.")
    private String toxic;

    @Option(names = "--stream", paramLabel = "WAY", description = "TOXIC: upstream (what the workload sends) or downstream (default).")
    private String stream;

    @Option(names = "--toxicity", paramLabel = "P", description = "TOXIC: the probability (0-1) a connection gets the toxic (default 1).")
    private Double toxicity;

    @Option(names = "--attribute", paramLabel = "NAME=N",
            description = "TOXIC: an attribute as Toxiproxy names it, e.g. latency=100, jitter=20, rate=64, delay=500, timeout=0, bytes=1024 "
                    + "(repeatable).")
    private java.util.Map<String, Long> attributes = new java.util.LinkedHashMap<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "F6: reset (default) or stall.")
    private String mode;

    @Option(names = "--bytes-per-second", paramLabel = "N", description = "F5: the extra traffic's rate in bytes per second (default 1048576).")
    private Long bytesPerSecond;

    @Option(names = "--total-bytes", paramLabel = "N", description = "F5: the extra traffic's volume in bytes (required for F5).")
    private Long totalBytes;

    @Option(names = "--delay", paramLabel = "DURATION", description = "F8: how late the telemetry not lost arrives: 30s, 5m or ISO 8601.")
    private String delay;

    @Option(names = "--telemetry", paramLabel = "KIND", description = "F8: flowLogs, metrics or queryLogs (repeatable; default all).")
    private List<String> telemetry = new ArrayList<>();

    @Option(names = "--start", paramLabel = "TIME", description = "When it starts (ISO 8601, e.g. 2026-01-01T12:00:00Z); default now.")
    private String start;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long it lasts: 30s, 5m, 1h30m or ISO 8601 (PT5M); at most 12h. Default: ${DEFAULT-VALUE}.")
    private String duration;

    @Option(names = "--json", description = "Print the fault as Backlane describes it.")
    private boolean json;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Override
    public Integer call() {
        ObjectNode request = JSON.createObjectNode().put("kind", kind).put("duration", isoDuration(duration));
        if (start != null) {
            request.put("startTime", start);
        }
        ObjectNode scope = request.putObject("scope");
        put(scope, "account", account);
        put(scope, "region", region);
        put(scope, "vpcId", vpc);
        put(scope, "subnetId", subnet);
        put(scope, "availabilityZone", zone);
        put(scope, "vpcEndpointId", endpoint);
        put(scope, "service", service);
        put(scope, "workloadId", workload);
        put(scope, "networkInterfaceId", networkInterface);
        put(scope, "principal", principal);
        ObjectNode parameters = request.putObject("parameters");
        if (!actions.isEmpty()) {
            actions.forEach(parameters.putArray("actions")::add);
        }
        if (!operations.isEmpty()) {
            operations.forEach(parameters.putArray("operations")::add);
        }
        if (percentage != null) {
            parameters.put("percentage", percentage);
        }
        if (rate != null) {
            parameters.put("requestsPerSecond", rate);
        }
        putNumber(parameters, "latency", latency);
        putNumber(parameters, "jitter", jitter);
        if (toxic != null) {
            ObjectNode node = parameters.putObject("toxic").put("type", toxic);
            put(node, "stream", stream);
            if (toxicity != null) {
                node.put("toxicity", toxicity);
            }
            ObjectNode given = node.putObject("attributes");
            attributes.forEach(given::put);
        }
        put(parameters, "mode", mode);
        putNumber(parameters, "bytesPerSecond", bytesPerSecond);
        putNumber(parameters, "totalBytes", totalBytes);
        if (delay != null) {
            parameters.put("delay", isoDuration(delay));
        }
        if (!telemetry.isEmpty()) {
            telemetry.forEach(parameters.putArray("telemetry")::add);
        }
        AdminClient server = runningServer.client();
        JsonNode fault = server.postJson("/_backlane/faults", request.toString().getBytes(StandardCharsets.UTF_8), "the fault");
        spec.commandLine().getOut().println(json ? fault.toString() : FaultListCommand.line(fault));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putNumber(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h30m} as ISO 8601; anything else as given, for Backlane to judge. */
    static String isoDuration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT_DURATION.matcher(trimmed);
        if (trimmed.isEmpty() || !matcher.matches()) {
            return text.trim();
        }
        StringBuilder iso = new StringBuilder("PT");
        String[] units = {"H", "M", "S"};
        for (int group = 1; group <= 3; group++) {
            if (matcher.group(group) != null) {
                iso.append(matcher.group(group)).append(units[group - 1]);
            }
        }
        return iso.toString();
    }
}
