package dev.backlane.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code backlane run}: places a workload (on an instance, or ad hoc in a subnet) in a running Backlane, starts a
 * program with its environment pointed at the workload's gateway ({@link WorkloadEnvironment}), waits for it and
 * ends with its exit code; the workload goes when the program ends, also when {@code run} is interrupted.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run CMD as a workload in the emulated network: its AWS calls go through a gateway that judges each as if sent "
                + "from the workload's network interface (an instance's, or a new one in --subnet).",
                "e.g. backlane run --subnet subnet-0abc --security-group sg-0def -- aws s3 ls"},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"n:CMD ran: its exit code (128+N when a signal N ended it)",
                "1:Backlane refused the workload (an unknown instance, subnet or security group, a bad address or principal) or a --listen port",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE,
                "126:CMD cannot be started (not executable)", "127:CMD was not found"})
public final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORKLOADS = "/_backlane/workloads";
    private static final String TARGETS = "/_backlane/targets";
    /** How long a program gets to end after Ctrl-C before it is killed, so that its workload can still be removed. */
    private static final long GRACE_SECONDS = 5;
    /** How long a stop waits for the workload's placement and CMD's start under way (the admin client's own limit is 10 s). */
    private static final long SETTLE_SECONDS = 15;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Placement placement;

    static final class Placement {
        @Option(names = "--instance", paramLabel = "INSTANCE_ID", required = true, description = "Run as this instance: from its primary network interface.")
        String instanceId;

        @ArgGroup(exclusive = false)
        AdHoc adHoc;
    }

    static final class AdHoc {
        @Option(names = "--subnet", paramLabel = "SUBNET_ID", required = true, description = "Run from a new network interface in this subnet.")
        String subnetId;

        @Option(names = "--security-group", paramLabel = "SG_ID",
                description = "A security group of that interface (repeatable; default: the VPC's default group).")
        List<String> securityGroupIds = List.of();

        @Option(names = "--private-ip", paramLabel = "ADDRESS", description = "The interface's private address (default: the next free one).")
        String privateIpAddress;
    }

    @Option(names = "--principal", paramLabel = "ARN",
            description = "The IAM principal the calls are made as, e.g. arn:aws:iam::111122223333:role/app (default: the account root).")
    private String principalArn;

    @Option(names = "--account", paramLabel = "ID", description = "The account of the instance or subnet (default: the server's, 000000000000).")
    private String account;

    @Option(names = "--region", paramLabel = "REGION", description = "The region of the instance or subnet (default: the server's, us-east-1).")
    private String region;

    @Option(names = "--listen", paramLabel = "PORT",
            description = {"CMD serves the workload's port PORT (repeatable), e.g. as a load balancer's target: a free loopback port is "
                    + "mapped to it and given to CMD to bind: $PORT and $BACKLANE_LISTEN_PORT (the first), $BACKLANE_LISTEN_PORT_<PORT> (each)."})
    private List<Integer> listenPorts = List.of();

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The program and its arguments (after --).")
    private List<String> command;

    @Override
    public Integer call() {
        AdminClient server = runningServer.client();
        AtomicReference<String> placed = new AtomicReference<>();
        // The target sockets mapped for --listen: they go before the workload, so no check reaches a port nobody serves.
        Queue<String> mapped = new ConcurrentLinkedQueue<>();
        AtomicReference<Process> running = new AtomicReference<>();
        // The main thread and the stop hook may both get here. The JVM halts as soon as its hooks end, so a hook
        // that finds the removal under way in the main thread waits for it instead of returning (and killing it).
        Object removal = new Object();
        Runnable remove = () -> {
            synchronized (removal) {
                for (String mappingId = mapped.poll(); mappingId != null; mappingId = mapped.poll()) {
                    try {
                        server.send(server.request(TARGETS + "/" + mappingId).DELETE(), HttpResponse.BodyHandlers.discarding());
                    } catch (CommandFailure e) {
                        System.err.println("backlane run: could not remove target socket " + mappingId + ": " + e.getMessage());
                    }
                }
                String workloadId = placed.getAndSet(null);
                if (workloadId != null) {
                    try {
                        server.send(server.request(WORKLOADS + "/" + workloadId).DELETE(), HttpResponse.BodyHandlers.discarding());
                    } catch (CommandFailure e) {
                        // The program's exit code still stands; the workload goes when Backlane stops.
                        System.err.println("backlane run: could not remove workload " + workloadId + ": " + e.getMessage());
                    }
                }
            }
        };
        // Registered before the workload exists, so that a stop (Ctrl-C, SIGTERM) at any moment after it is placed removes it.
        CountDownLatch settled = new CountDownLatch(1);
        Thread onStop = new Thread(() -> {
            // A stop while the workload is being placed or CMD started waits for that to settle, so neither is left behind.
            // Ctrl-C reaches the program too (one process group); give it a moment to end, then remove the workload.
            try {
                settled.await(SETTLE_SECONDS, TimeUnit.SECONDS);
                Process process = running.get();
                if (process != null && !process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            remove.run();
        }, "backlane-run-cleanup");
        Runtime.getRuntime().addShutdownHook(onStop);
        Process process;
        try {
            JsonNode workload = server.postJson(WORKLOADS, request(), "the workload");
            placed.set(workload.path("workloadId").asText());
            Map<Integer, Integer> listening;
            try {
                listening = listen(server, workload, mapped);
            } catch (CommandFailure | IOException e) {
                remove.run();
                throw e instanceof CommandFailure failure ? failure
                        : CommandFailure.withExitCode(1, "no free loopback port for --listen: " + e.getMessage());
            }
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(WorkloadEnvironment.of(workload, System.getenv()));
            builder.environment().putAll(WorkloadEnvironment.listening(listening));
            process = builder.start();
            running.set(process);
        } catch (IOException e) {
            remove.run();
            boolean missing = e.getMessage() != null && e.getMessage().contains("error=2,");
            throw CommandFailure.withExitCode(missing ? 127 : 126, "cannot start " + command.get(0) + ": " + (missing ? "not found" : e.getMessage()));
        } finally {
            settled.countDown();
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            exit = 130;
        }
        remove.run();
        try {
            Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: the workload is removed once, whichever gets there first.
        }
        return exit;
    }

    /**
     * Maps each {@code --listen} port of the workload's address to a free loopback port (an instance's target through
     * its ID, an ad-hoc workload's through its VPC and address); gives the ports by the workload's port, in order.
     */
    private Map<Integer, Integer> listen(AdminClient server, JsonNode workload, Queue<String> mapped) throws IOException {
        Map<Integer, Integer> listening = new LinkedHashMap<>();
        for (int port : listenPorts) {
            if (listening.containsKey(port)) {
                continue;
            }
            int hostPort = freeLoopbackPort();
            ObjectNode target = JSON.createObjectNode().put("account", workload.path("account").asText())
                    .put("region", workload.path("region").asText());
            if (workload.hasNonNull("instanceId")) {
                target.put("instanceId", workload.path("instanceId").asText());
            } else {
                target.put("vpcId", workload.path("vpcId").asText()).put("address", workload.path("privateIpAddress").asText());
            }
            target.put("port", port).put("hostPort", hostPort).put("host", "127.0.0.1");
            JsonNode mapping = server.postJson(TARGETS, target.toString().getBytes(StandardCharsets.UTF_8), "the target socket for --listen " + port);
            mapped.add(mapping.path("targetSocketId").asText());
            listening.put(port, hostPort);
        }
        return listening;
    }

    /** A loopback port nobody listens on now; CMD binds it (another program could take it first, as with any free port handed on). */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private byte[] request() {
        ObjectNode request = JSON.createObjectNode();
        if (account != null) {
            request.put("account", account);
        }
        if (region != null) {
            request.put("region", region);
        }
        if (placement.instanceId != null) {
            request.put("instanceId", placement.instanceId);
        } else {
            request.put("subnetId", placement.adHoc.subnetId);
            placement.adHoc.securityGroupIds.forEach(request.putArray("securityGroupIds")::add);
            if (placement.adHoc.privateIpAddress != null) {
                request.put("privateIpAddress", placement.adHoc.privateIpAddress);
            }
        }
        if (principalArn != null) {
            request.put("principalArn", principalArn);
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }
}
