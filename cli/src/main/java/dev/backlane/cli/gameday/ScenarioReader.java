package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.server.http.FaultHttpHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a game-day file into a {@link Scenario}, refusing it before anything runs when any field is unknown, missing,
 * of the wrong type or out of range, or names something the scenario does not have; every problem names its line,
 * column and field. Faults are checked as {@code /_backlane/faults} would parse them.
 */
final class ScenarioReader {
    static final Duration MAX_WAIT = Duration.ofHours(1);
    static final Duration MIN_FAULT = Duration.ofSeconds(1);
    static final Duration MAX_FAULT = Duration.ofHours(12);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.[a-z0-9.-]*[a-z0-9]");
    static final int DEFAULT_PAYLOAD = 64;
    static final int MAX_PAYLOAD = 1 << 20;
    private static final Pattern EXPECT = Pattern.compile("\\s*([A-Za-z0-9.]+)\\s*(>=|<=)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%?\\s*");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z]+)(?:\\.([A-Za-z0-9_-]+))?}");

    private ScenarioReader() {}

    /** The scenario in {@code text}, or a {@link ScenarioException} listing every problem. */
    static Scenario read(String source, String text) {
        YamlDocument document = YamlDocument.parse(source, text);
        List<ScenarioException.Problem> problems = new ArrayList<>();
        Field root = Field.root(document, problems);
        if (!root.only("name", "description", "setup", "traffic", "hypotheses", "steps")) {
            throw new ScenarioException(problems);
        }
        String name = root.matching("name", true, NAME, "a name of letters, digits, - and _", s -> s).orElse("?");
        String description = root.text("description", false).orElse("");
        Names names = new Names();
        Scenario.Setup setup = setup(root.child("setup"), names);
        List<Scenario.Traffic> traffic = new ArrayList<>();
        for (Field item : root.list("traffic", true)) {
            traffic(item, names).ifPresent(traffic::add);
        }
        List<Scenario.Hypothesis> hypotheses = new ArrayList<>();
        for (Field item : root.list("hypotheses", true)) {
            hypothesis(item).ifPresent(hypotheses::add);
        }
        List<Scenario.Step> steps = new ArrayList<>();
        for (Field item : root.list("steps", true)) {
            step(item, names).ifPresent(steps::add);
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name, description, setup, traffic, hypotheses, steps);
    }

    /** The names a scenario gives its subnets, endpoints, workloads, faults and experiments, to check what refers to them. */
    private static final class Names {
        final Set<String> subnets = new HashSet<>();
        final Set<String> endpoints = new HashSet<>();
        final Set<String> workloads = new HashSet<>();
        final Set<String> incidents = new HashSet<>();
        final Set<String> ended = new HashSet<>();
        final Set<String> deleted = new HashSet<>();
        boolean network;
    }

    private static Scenario.Setup setup(Field setup, Names names) {
        if (setup.node().isMissingNode()) {
            setup.problem("is required");
            return new Scenario.Setup("000000000000", "us-east-1", Optional.empty(), List.of());
        }
        setup.only("account", "region", "network", "workloads");
        String account = setup.matching("account", false, ACCOUNT, "a 12-digit account ID", s -> s).orElse("000000000000");
        String region = setup.matching("region", false, REGION, "a region such as us-east-1", s -> s).orElse("us-east-1");
        Optional<Scenario.Network> network = Optional.empty();
        if (setup.has("network")) {
            names.network = true;
            network = Optional.of(network(setup.child("network"), names));
        }
        List<Scenario.WorkloadSpec> workloads = new ArrayList<>();
        for (Field item : setup.list("workloads", true)) {
            if (!item.only("name", "subnet", "workloadId", "principal")) {
                continue;
            }
            String name = unique(item, "name", names.workloads);
            Optional<String> subnet = item.text("subnet", false);
            Optional<String> workloadId = item.matching("workloadId", false, Pattern.compile("wl-[0-9a-f]+"), "a workload ID (wl-...)", s -> s);
            Optional<String> principal = item.matching("principal", false, Pattern.compile("arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+"),
                    "an IAM principal ARN", s -> s);
            if (subnet.isPresent() == item.has("workloadId")) {
                item.problem("give either subnet (a workload to place) or workloadId (one already placed), not both or neither");
            }
            subnet.filter(value -> !value.startsWith("subnet-") && !names.subnets.contains(value))
                    .ifPresent(value -> item.child("subnet").problem("'" + value + "' is neither a subnet of setup.network nor a subnet ID"));
            if (item.has("workloadId") && item.has("principal")) {
                item.child("principal").problem("a workload already placed keeps its principal");
            }
            workloads.add(new Scenario.WorkloadSpec(name, subnet, workloadId, principal));
        }
        return new Scenario.Setup(account, region, network, workloads);
    }

    private static Scenario.Network network(Field network, Names names) {
        network.only("cidr", "subnets", "endpoints");
        String cidr = network.matching("cidr", true, CIDR, "a CIDR block such as 10.40.0.0/16", s -> s).orElse("");
        List<Scenario.SubnetSpec> subnets = new ArrayList<>();
        for (Field item : network.list("subnets", true)) {
            if (item.only("name", "zone", "cidr")) {
                String name = unique(item, "name", names.subnets);
                String zone = item.matching("zone", true, ZONE, "an Availability Zone name such as us-east-1a", s -> s).orElse("");
                String block = item.matching("cidr", true, CIDR, "a CIDR block such as 10.40.1.0/24", s -> s).orElse("");
                subnets.add(new Scenario.SubnetSpec(name, zone, block));
            }
        }
        List<Scenario.EndpointSpec> endpoints = new ArrayList<>();
        for (Field item : network.list("endpoints", false)) {
            if (!item.only("name", "service", "serviceName", "subnets", "privateDns")) {
                continue;
            }
            String name = unique(item, "name", names.endpoints);
            Optional<String> service = item.matching("service", false, SERVICE, "a service's short name such as sts or ec2", s -> s);
            Optional<String> serviceName = item.matching("serviceName", false, SERVICE_NAME,
                    "an endpoint service's name such as com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", s -> s);
            if (item.has("service") == item.has("serviceName")) {
                item.problem("give either service (an AWS service's short name) or serviceName (an endpoint service's), not both or neither");
            }
            List<String> in = new ArrayList<>();
            for (Field subnet : item.list("subnets", true)) {
                subnet.text().ifPresent(value -> {
                    if (!names.subnets.contains(value)) {
                        subnet.problem("'" + value + "' is not a subnet of setup.network");
                    }
                    in.add(value);
                });
            }
            if (service.isPresent() != serviceName.isPresent()) {
                // An endpoint service has private DNS only when its provider verified a name: off unless the file says.
                endpoints.add(new Scenario.EndpointSpec(name, service, serviceName, in, item.bool("privateDns").orElse(service.isPresent())));
            }
        }
        return new Scenario.Network(cidr, subnets, endpoints);
    }

    private static Optional<Scenario.Traffic> traffic(Field item, Names names) {
        if (!item.only("workload", "call", "tcp", "rate", "timeout", "retries", "resolve")) {
            return Optional.empty();
        }
        Optional<String> workload = item.text("workload", true);
        workload.filter(value -> !names.workloads.contains(value))
                .ifPresent(value -> item.child("workload").problem("'" + value + "' is not a workload of setup.workloads"));
        if (item.has("call") == item.has("tcp")) {
            item.problem("give either call (an AWS API call) or tcp (connections through an endpoint), not both or neither");
            return Optional.empty();
        }
        Optional<? extends Scenario.Kind> kind = item.has("tcp") ? tcp(item.child("tcp"), names) : item.text("call", true).flatMap(label -> {
            Optional<AwsCall> known = AwsCall.parse(label);
            if (known.isEmpty()) {
                item.child("call").problem("'" + label + "' is not a call the load generator makes (" + AwsCall.known() + ")");
            }
            return known.map(Scenario.Api::new);
        });
        Optional<Double> rate = item.number("rate", true, 0.1, 1000);
        Optional<Duration> timeout = item.duration("timeout", false, Duration.ofMillis(50), Duration.ofMinutes(1));
        Optional<Double> retries = item.number("retries", false, 0, 10);
        retries.filter(value -> value != Math.rint(value)).ifPresent(value -> item.child("retries").problem("must be a whole number"));
        boolean resolve = item.bool("resolve").orElse(true);
        if (workload.isEmpty() || kind.isEmpty() || rate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario.Traffic(workload.get(), kind.get(), rate.get(), timeout.orElse(Duration.ofSeconds(2)),
                retries.orElse(0.0).intValue(), resolve));
    }

    /** {@code tcp: {endpoint: NAME, port: N, payload: BYTES}}: connections through an endpoint of setup.network. */
    private static Optional<Scenario.Tcp> tcp(Field tcp, Names names) {
        if (!tcp.isObject()) {
            tcp.problem("must be a mapping: {endpoint: NAME, port: N, payload: BYTES}");
            return Optional.empty();
        }
        if (!tcp.only("endpoint", "port", "payload")) {
            return Optional.empty();
        }
        Optional<String> endpoint = tcp.text("endpoint", true);
        endpoint.filter(value -> !names.endpoints.contains(value))
                .ifPresent(value -> tcp.child("endpoint").problem("'" + value + "' is not an endpoint of setup.network"));
        Optional<Integer> port = whole(tcp, "port", true, 1, 65535);
        Optional<Integer> payload = whole(tcp, "payload", false, 1, MAX_PAYLOAD);
        if (endpoint.isEmpty() || port.isEmpty() || !names.endpoints.contains(endpoint.get())) {
            return Optional.empty();
        }
        return Optional.of(new Scenario.Tcp(endpoint.get(), port.get(), payload.orElse(DEFAULT_PAYLOAD)));
    }

    private static Optional<Integer> whole(Field field, String name, boolean required, int min, int max) {
        Optional<Double> number = field.number(name, required, min, max);
        if (number.isPresent() && number.get() != Math.rint(number.get())) {
            field.child(name).problem("must be a whole number");
            return Optional.empty();
        }
        return number.map(Double::intValue);
    }

    private static Optional<Scenario.Hypothesis> hypothesis(Field item) {
        if (!item.only("expect", "during")) {
            return Optional.empty();
        }
        Optional<String> expect = item.text("expect", true);
        Scenario.Phase during = item.text("during", false).flatMap(text -> {
            for (Scenario.Phase phase : Scenario.Phase.values()) {
                if (phase.label().equals(text)) {
                    return Optional.of(phase);
                }
            }
            item.child("during").problem("'" + text + "' is not a phase: baseline, fault, recovery or all");
            return Optional.empty();
        }).orElse(Scenario.Phase.ALL);
        if (expect.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = EXPECT.matcher(expect.get());
        if (!matcher.matches()) {
            item.child("expect").problem("'" + expect.get() + "' is not SIGNAL >= N or SIGNAL <= N, such as M3 >= 99.9");
            return Optional.empty();
        }
        Optional<Signal> signal = Signal.parse(matcher.group(1));
        if (signal.isEmpty()) {
            item.child("expect").problem("'" + matcher.group(1) + "' is not a signal a game day watches (" + Signal.known() + ")");
            return Optional.empty();
        }
        double threshold = Double.parseDouble(matcher.group(3));
        if (signal.get().ratio() && threshold > 100) {
            item.child("expect").problem(matcher.group(3) + " is out of range: a percentage from 0 to 100");
            return Optional.empty();
        }
        return Optional.of(new Scenario.Hypothesis(expect.get().strip(), signal.get(), matcher.group(2).equals(">="), threshold, during));
    }

    private static Optional<Scenario.Step> step(Field item, Names names) {
        if (!item.only("wait", "fault", "fis", "end", "deleteEndpoint", "createEndpoint")) {
            return Optional.empty();
        }
        if (item.node().size() != 1) {
            item.problem("a step is exactly one of wait, fault, fis, end, deleteEndpoint, createEndpoint");
            return Optional.empty();
        }
        String where = item.path() + " (line " + lineOf(item) + ")";
        if (item.has("wait")) {
            return item.duration("wait", true, Duration.ofMillis(1), MAX_WAIT).map(duration -> new Scenario.Wait(duration, where));
        }
        if (item.has("fault")) {
            return fault(item.child("fault"), names, where);
        }
        if (item.has("fis")) {
            Field fis = item.child("fis");
            if (!fis.only("name", "template")) {
                return Optional.empty();
            }
            String name = unique(fis, "name", names.incidents);
            Field template = fis.child("template");
            if (!template.isObject()) {
                template.problem("must be an experiment template as CreateExperimentTemplate takes it (actions, targets, roleArn...)");
                return Optional.empty();
            }
            if (!template.has("actions")) {
                template.child("actions").problem("is required");
            }
            references(template, names);
            return Optional.of(new Scenario.StartExperiment(name, template.node(), where));
        }
        if (item.has("end")) {
            return item.text("end", true).flatMap(name -> {
                if (!names.incidents.contains(name)) {
                    item.child("end").problem("'" + name + "' is not a fault or fis step before this one");
                    return Optional.empty();
                }
                if (!names.ended.add(name)) {
                    item.child("end").problem("'" + name + "' is already ended");
                }
                return Optional.of(new Scenario.End(name, where));
            });
        }
        if (item.has("deleteEndpoint")) {
            return item.text("deleteEndpoint", true).flatMap(name -> {
                if (!names.endpoints.contains(name)) {
                    item.child("deleteEndpoint").problem("'" + name + "' is not an endpoint of setup.network");
                    return Optional.empty();
                }
                if (!names.deleted.add(name)) {
                    item.child("deleteEndpoint").problem("'" + name + "' is already deleted");
                }
                return Optional.of(new Scenario.DeleteEndpoint(name, where));
            });
        }
        return item.text("createEndpoint", true).flatMap(name -> {
            if (!names.deleted.remove(name)) {
                item.child("createEndpoint").problem("'" + name + "' is not an endpoint a deleteEndpoint step before this one deleted");
                return Optional.empty();
            }
            return Optional.of(new Scenario.CreateEndpoint(name, where));
        });
    }

    private static Optional<Scenario.Step> fault(Field fault, Names names, String where) {
        if (!fault.only("name", "kind", "scope", "parameters", "duration")) {
            return Optional.empty();
        }
        String name = unique(fault, "name", names.incidents);
        Optional<String> kind = fault.text("kind", true);
        kind.ifPresent(text -> {
            try {
                FaultKind.parse(text);
            } catch (AwsException | IllegalArgumentException e) {
                fault.child("kind").problem(e.getMessage());
            }
        });
        Optional<Duration> duration = fault.duration("duration", true, MIN_FAULT, MAX_FAULT);
        ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        kind.ifPresent(text -> request.put("kind", text));
        for (String part : List.of("scope", "parameters")) {
            Field field = fault.child(part);
            if (field.node().isMissingNode()) {
                continue;
            }
            if (!field.isObject()) {
                field.problem("must be a mapping");
                continue;
            }
            references(field, names);
            request.set(part, field.node());
        }
        try {
            FaultHttpHandler.request(request);
        } catch (AwsException e) {
            fault.problem(e.getMessage());
        }
        if (kind.isEmpty() || duration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Scenario.InjectFault(name, kind.get(), request, duration.get(), where));
    }

    /** Checks every {@code ${...}} in the strings under {@code field} names something the scenario has. */
    private static void references(Field field, Names names) {
        JsonNode node = field.node();
        if (node.isTextual()) {
            Matcher matcher = REFERENCE.matcher(node.textValue());
            while (matcher.find()) {
                String what = matcher.group(1);
                String name = matcher.group(2);
                boolean known = switch (what) {
                    case "vpc" -> names.network && name == null;
                    case "account", "region" -> name == null;
                    case "endpoint" -> names.endpoints.contains(name);
                    case "subnet" -> names.subnets.contains(name);
                    case "workload" -> names.workloads.contains(name);
                    default -> false;
                };
                if (!known) {
                    field.problem("'" + matcher.group() + "' names nothing this scenario has (${vpc}, ${account}, ${region}, "
                            + "${endpoint.NAME}, ${subnet.NAME}, ${workload.NAME})");
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                references(field.child(fields.next().getKey()), names);
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                references(field.item(index), names);
            }
        }
    }

    private static String unique(Field item, String field, Set<String> taken) {
        String name = item.matching(field, true, NAME, "a name of letters, digits, - and _", s -> s).orElse("?");
        if (!name.equals("?") && !taken.add(name)) {
            item.child(field).problem("'" + name + "' is already the name of another");
        }
        return name;
    }

    private static int lineOf(Field item) {
        return item.line();
    }
}
