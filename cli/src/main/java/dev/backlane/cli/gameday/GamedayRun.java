package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backlane.cli.common.AdminClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries out a game day on a running Backlane: builds the scenario's world, starts its traffic and the SLI readings,
 * takes the steps in order (durations times the time scale), then stops the traffic, ends whatever it started that is
 * still acting, takes the world down and hands back what happened ({@link Record}).
 */
final class GamedayRun {
    static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z]+(?:\\.[A-Za-z0-9_-]+)?)}");

    /** What a game day did and saw. */
    record Record(Scenario scenario, double timeScale, Instant trafficStart, Instant trafficEnd, List<Sample> samples, List<Incident> incidents,
            Map<Signal, String> objectives, List<String> leftBehind) {}

    private final AdminClient server;
    private final Scenario scenario;
    private final double timeScale;
    private final Consumer<String> progress;

    GamedayRun(AdminClient server, Scenario scenario, double timeScale, Consumer<String> progress) {
        this.server = server;
        this.scenario = scenario;
        this.timeScale = timeScale;
        this.progress = progress;
    }

    /** Refuses a time scale that makes a fault shorter than Backlane takes (a second). */
    static void checkTimeScale(Scenario scenario, double timeScale) {
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.InjectFault fault && scaled(fault.duration(), timeScale).compareTo(ScenarioReader.MIN_FAULT) < 0) {
                throw new GamedayUsageException(fault.where() + ": the fault's duration " + Durations.show(fault.duration()) + " times the time scale "
                        + timeScale + " is under 1s, the shortest fault Backlane makes");
            }
        }
    }

    /** The ports the endpoints take connections on: HTTPS for the AWS calls, and each TCP entry's port. */
    static List<Integer> endpointPorts(Scenario scenario) {
        List<Integer> ports = new ArrayList<>(List.of(443));
        for (Scenario.Traffic traffic : scenario.traffic()) {
            if (traffic.kind() instanceof Scenario.Tcp tcp) {
                ports.add(tcp.port());
            }
        }
        return ports;
    }

    Record run() {
        AwsApi api = new AwsApi(server, scenario.setup().account(), scenario.setup().region());
        World world = new World(server, api, scenario.setup(), endpointPorts(scenario));
        SliSampler sampler = new SliSampler(server);
        ClientCounters counters = new ClientCounters();
        List<Sample> samples = new CopyOnWriteArrayList<>();
        List<Incident> incidents = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, String> started = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        List<String> left = new ArrayList<>();
        ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gameday-sli");
            thread.setDaemon(true);
            return thread;
        });
        Instant trafficStart = null;
        Instant trafficEnd = null;
        // A stop (Ctrl-C, SIGTERM) mid-run still ends the faults it started and takes its world down. The JVM halts once
        // its hooks end, so the hook waits for a clean-up the main thread has begun instead of returning.
        boolean[] cleaned = {false};
        Runnable cleanUp = () -> {
            synchronized (cleaned) {
                if (!cleaned[0]) {
                    cleaned[0] = true;
                    endStillActing(api, incidents, started, left);
                    left.addAll(world.takeDown());
                }
            }
        };
        Thread onStop = new Thread(cleanUp, "gameday-cleanup");
        Runtime.getRuntime().addShutdownHook(onStop);
        try (LoadGenerator load = new LoadGenerator(counters)) {
            progress.accept("setting up " + scenario.name());
            world.build();
            world.ids().forEach((name, id) -> {
                if (name.startsWith("endpoint.")) {
                    sampler.watchEndpoint(id);
                }
            });
            List<LoadGenerator.Target> targets = new ArrayList<>();
            for (Scenario.Traffic traffic : scenario.traffic()) {
                JsonNode workload = world.workloads().get(traffic.workload());
                sampler.watchWorkload(workload.path("workloadId").asText(), workload.path("vpcId").asText());
                String region = workload.path("region").asText();
                // A TCP entry follows its endpoint by name: made again after a deletion, it has a new DNS name.
                Supplier<String> host = traffic.kind() instanceof Scenario.Tcp tcp ? () -> world.endpointName(tcp.endpoint())
                        : () -> ((Scenario.Api) traffic.kind()).call().hostname(region);
                targets.add(new LoadGenerator.Target(traffic, host, URI.create(workload.path("endpointUrl").asText()),
                        new InetSocketAddress(workload.path("dns").path("address").asText(), workload.path("dns").path("port").asInt()),
                        workload.path("account").asText(), region));
            }
            load.warmUp(targets);
            samples.add(new Sample(Instant.now(), sampler.read(), counters.read()));
            trafficStart = Instant.now();
            reader.scheduleAtFixedRate(() -> {
                try {
                    samples.add(new Sample(Instant.now(), sampler.read(), counters.read()));
                } catch (RuntimeException e) {
                    progress.accept("an SLI reading failed: " + e.getMessage());
                }
            }, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            load.start(targets);
            for (Scenario.Step step : scenario.steps()) {
                take(step, world, api, sampler, incidents, started);
            }
            load.stop(scenario.traffic().stream().map(traffic -> traffic.timeout().multipliedBy(traffic.retries() + 1)).max(Duration::compareTo)
                    .orElse(Duration.ZERO).plusSeconds(1));
            trafficEnd = Instant.now();
        } finally {
            reader.shutdownNow();
            try {
                reader.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (trafficEnd != null) {
                samples.add(new Sample(Instant.now(), sampler.read(), counters.read()));
            }
            cleanUp.run();
            try {
                Runtime.getRuntime().removeShutdownHook(onStop);
            } catch (IllegalStateException stopping) {
                // The JVM is stopping: the hook has run or will find the clean-up done.
            }
        }
        return new Record(scenario, timeScale, trafficStart, trafficEnd, List.copyOf(samples), incidents, Map.copyOf(sampler.objectives()), left);
    }

    private void take(Scenario.Step step, World world, AwsApi api, SliSampler sampler, List<Incident> incidents, Map<String, String> started) {
        if (step instanceof Scenario.Wait wait) {
            progress.accept("waiting " + Durations.show(scaled(wait.duration(), timeScale)));
            sleep(scaled(wait.duration(), timeScale));
        } else if (step instanceof Scenario.InjectFault fault) {
            ObjectNode request = (ObjectNode) resolve(fault.request(), world, fault.where());
            Duration duration = scaled(fault.duration(), timeScale);
            request.put("duration", duration.toString());
            Instant at = Instant.now();
            JsonNode made = refusedAs(fault.where(), () -> server.postJson("/_backlane/faults", request.toString().getBytes(StandardCharsets.UTF_8),
                    "the fault " + fault.name()));
            started.put(fault.name(), made.path("faultId").asText());
            progress.accept("fault " + fault.name() + " (" + fault.kind() + ", " + made.path("faultId").asText() + ") for " + Durations.show(duration));
            incidents.add(new Incident(fault.name(), fault.kind() + " " + made.path("description").asText(), at,
                    java.util.Optional.of(at.plus(duration))));
        } else if (step instanceof Scenario.StartExperiment experiment) {
            ObjectNode template = (ObjectNode) resolve(experiment.template(), world, experiment.where());
            template.put("clientToken", UUID.randomUUID().toString());
            String templateId = refusedAs(experiment.where(), () -> api.fis("POST", "/experimentTemplates", template))
                    .path("experimentTemplate").path("id").asText();
            ObjectNode start = template.objectNode().put("clientToken", UUID.randomUUID().toString()).put("experimentTemplateId", templateId);
            Instant at = Instant.now();
            JsonNode running = refusedAs(experiment.where(), () -> api.fis("POST", "/experiments", start)).path("experiment");
            started.put(experiment.name(), running.path("id").asText());
            progress.accept("FIS experiment " + experiment.name() + " (" + running.path("id").asText() + ") from template " + templateId);
            incidents.add(new Incident(experiment.name(), "FIS experiment " + running.path("id").asText(), at, java.util.Optional.empty()));
        } else if (step instanceof Scenario.End end) {
            String id = started.remove(end.name());
            if (id.startsWith("fault-")) {
                server.send(server.request("/_backlane/faults/" + id).DELETE(), HttpResponse.BodyHandlers.discarding());
            } else {
                api.fis("DELETE", "/experiments/" + id, null);
            }
            progress.accept("ended " + end.name());
            replace(incidents, end.name(), Instant.now());
        } else if (step instanceof Scenario.DeleteEndpoint delete) {
            Instant at = Instant.now();
            String id = world.id("endpoint." + delete.endpoint()).orElseThrow();
            refusedAs(delete.where(), () -> {
                world.deleteEndpoint(delete.endpoint());
                return null;
            });
            progress.accept("deleted endpoint " + delete.endpoint() + " (" + id + ")");
            incidents.add(new Incident(delete.endpoint(), "endpoint " + id + " deleted", at, java.util.Optional.empty()));
        } else if (step instanceof Scenario.CreateEndpoint create) {
            String id = refusedAs(create.where(), () -> world.createEndpoint(create.endpoint()));
            sampler.watchEndpoint(id);
            progress.accept("created endpoint " + create.endpoint() + " again (" + id + "), available");
            replace(incidents, create.endpoint(), Instant.now());
        }
    }

    private static void replace(List<Incident> incidents, String name, Instant end) {
        for (int index = incidents.size() - 1; index >= 0; index--) {
            Incident incident = incidents.get(index);
            if (incident.name().equals(name)) {
                // A fault ended early stops acting now; one that expired already ended at its time.
                Instant at = incident.end().filter(planned -> planned.isBefore(end)).orElse(end);
                incidents.set(index, incident.ended(at));
                return;
            }
        }
    }

    /** Faults and experiments the run started that still act when it ends are removed, so nothing outlives the game day. */
    private void endStillActing(AwsApi api, List<Incident> incidents, Map<String, String> started, List<String> left) {
        Instant now = Instant.now();
        started.forEach((name, id) -> {
            try {
                if (id.startsWith("fault-")) {
                    server.send(server.request("/_backlane/faults/" + id).DELETE(), HttpResponse.BodyHandlers.discarding());
                } else {
                    api.fis("DELETE", "/experiments/" + id, null);
                }
            } catch (RuntimeException e) {
                left.add(id + ": " + e.getMessage());
            }
        });
        for (int index = 0; index < incidents.size(); index++) {
            Incident incident = incidents.get(index);
            if (incident.end().isEmpty()) {
                incidents.set(index, incident.ended(now));
            }
        }
    }

    /** Replaces each {@code ${...}} in the strings of {@code node} with the ID it stands for in the world. */
    private static JsonNode resolve(JsonNode node, World world, String where) {
        if (node.isTextual()) {
            Matcher matcher = REFERENCE.matcher(node.textValue());
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                String id = world.id(matcher.group(1)).orElseThrow(() -> new GamedayFailure(where + ": " + matcher.group() + " stands for nothing yet"));
                matcher.appendReplacement(text, Matcher.quoteReplacement(id));
            }
            matcher.appendTail(text);
            return TextNode.valueOf(text.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolve(field.getValue(), world, where));
            }
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolve(item, world, where)));
            return copy;
        }
        return node.deepCopy();
    }

    private static <T> T refusedAs(String where, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (GamedayFailure e) {
            throw new GamedayFailure(where + ": " + e.getMessage());
        } catch (dev.backlane.cli.common.CommandFailure e) {
            if (e.exitCode() == dev.backlane.cli.common.ExitCode.FAILED) {
                throw new GamedayFailure(where + ": " + e.getMessage());
            }
            throw e;
        }
    }

    static Duration scaled(Duration duration, double timeScale) {
        return Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GamedayFailure("interrupted");
        }
    }
}
