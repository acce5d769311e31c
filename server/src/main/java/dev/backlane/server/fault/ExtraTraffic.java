package dev.backlane.server.fault;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.FaultEndedEvent;
import dev.backlane.core.event.FaultStartedEvent;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultScope;
import dev.backlane.core.traffic.SigV4;
import dev.backlane.core.traffic.Workload;
import dev.backlane.server.traffic.WorkloadDecider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * F5's load generator: while an F5 fault acts, real bytes go from its workload through the workload's own gateway to
 * its service, at {@code bytesPerSecond} until {@code totalBytes} have gone (or the fault ends), as signed calls the
 * workload could have made: for S3, {@code PutObject} of objects {@code f5-<fault>-<n>} to the bucket
 * {@code backlane-f5} (the upstream refuses them with {@code NoSuchBucket} unless that bucket exists); for any other
 * service, a {@code POST} of the bytes that the service refuses. Either way the gateway judges each call — through the
 * endpoint or the NAT gateway the workload's path takes — and carries its body, so flow logs, BytesProcessed, M5, M10
 * and {@code backlane cost} count the bytes. One thread per fault; each call carries at most 1 MiB.
 */
public final class ExtraTraffic {
    private static final Logger LOG = Logger.getLogger(ExtraTraffic.class.getName());
    private static final int MAX_CALL_BYTES = 1 << 20;
    /** The secret the calls are signed with: Backlane tells the account by the access key ID alone. */
    private static final String SECRET = "backlane-f5";

    private final Function<String, Optional<InetSocketAddress>> gateways;
    private final Function<String, Optional<Workload>> workloads;
    private final InstantSource clock;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    private ExtraTraffic(Function<String, Optional<InetSocketAddress>> gateways, Function<String, Optional<Workload>> workloads, InstantSource clock) {
        this.gateways = requireNonNull(gateways, "gateways is null");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts the traffic of each F5 fault when it starts, and stops it when the fault ends. */
    public static ExtraTraffic follow(EventStream events, Function<String, Optional<InetSocketAddress>> gateways,
            Function<String, Optional<Workload>> workloads, InstantSource clock) {
        ExtraTraffic traffic = new ExtraTraffic(gateways, workloads, clock);
        events.subscribe(FaultStartedEvent.class, started -> {
            if (started.fault().kind() == FaultKind.F5_COST_SPIKE) {
                traffic.start(started.fault());
            }
        });
        events.subscribe(FaultEndedEvent.class, ended -> {
            Thread thread = traffic.running.remove(ended.fault().id());
            if (thread != null) {
                thread.interrupt();
            }
        });
        return traffic;
    }

    private void start(Fault fault) {
        String workloadId = fault.scope().get(FaultScope.Field.WORKLOAD).orElseThrow();
        Optional<InetSocketAddress> gateway = gateways.apply(workloadId);
        Optional<Workload> workload = workloads.apply(workloadId);
        if (gateway.isEmpty() || workload.isEmpty()) {
            LOG.warning(() -> fault.describe() + ": the workload " + workloadId + " has no gateway now; no extra traffic");
            return;
        }
        Thread thread = new Thread(() -> send(fault, gateway.get(), workload.get()), "backlane-f5-" + fault.id());
        thread.setDaemon(true);
        running.put(fault.id(), thread);
        thread.start();
    }

    private void send(Fault fault, InetSocketAddress gateway, Workload workload) {
        String service = fault.scope().get(FaultScope.Field.SERVICE).orElseThrow();
        long perSecond = fault.parameters().bytesPerSecond().orElseThrow();
        long total = fault.parameters().totalBytes().orElseThrow();
        String host = gateway.getAddress().getHostAddress() + ":" + gateway.getPort();
        SigV4 signer = new SigV4(WorkloadDecider.accountOf(workload), SECRET, workload.scope().region());
        long started = System.nanoTime();
        long sent = 0;
        int call = 0;
        try {
            while (sent < total && !Thread.currentThread().isInterrupted()) {
                byte[] body = new byte[(int) Math.min(Math.min(total - sent, perSecond), MAX_CALL_BYTES)];
                String path = service.equals("s3") ? "/backlane-f5/f5-" + fault.id() + "-" + call : "/";
                String method = service.equals("s3") ? "PUT" : "POST";
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + path)).method(method,
                        HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
                String[] headers = signer.headers(service, method, host, path, "", body, clock.instant());
                for (int i = 0; i < headers.length; i += 2) {
                    request.header(headers[i], headers[i + 1]);
                }
                http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                sent += body.length;
                call++;
                // Paced: the next call waits until the bytes sent so far fit the rate.
                long due = started + sent * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException | RuntimeException e) {
            // The path may drop or reset the calls (another fault, a blocked route): the traffic stops, the fault stays listed.
            LOG.log(Level.INFO, fault.describe() + ": extra traffic stopped after " + call + " calls", e);
        } finally {
            running.remove(fault.id());
        }
    }
}
