package dev.backlane.cli.gameday;

import dev.backlane.core.traffic.SigV4;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The game day's steady traffic: for each traffic entry, calls at its rate from its workload, through the workload's
 * gateway: AWS API calls signed as the workload's account, or TCP connections ({@link TcpAttempt}) through an
 * interface endpoint. Before each call the client resolves the service's or endpoint's name in the VPC's resolver
 * (unless {@code resolve: false}); each attempt has the entry's timeout; a throttled, 5xx or unanswered attempt is
 * retried as the SDKs' standard mode does (exponential backoff with full jitter, from 100 ms), up to {@code retries}
 * times. Calls that cannot start because {@link #MAX_CALLS_IN_FLIGHT} are under way count as failed.
 */
final class LoadGenerator implements AutoCloseable {
    static final int MAX_CALLS_IN_FLIGHT = 256;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>|\"__type\"\\s*:\\s*\"(?:[^\"#]*#)?([^\"]+)\"");
    private static final Duration BACKOFF_BASE = Duration.ofMillis(100);
    private static final Duration BACKOFF_CAP = Duration.ofSeconds(20);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(10);

    /** Where a traffic entry's calls go: the name they resolve and call, its workload's gateway and resolver, and who signs them. */
    record Target(Scenario.Traffic traffic, Supplier<String> host, URI gateway, InetSocketAddress resolver, String account, String region) {}

    private final ClientCounters counters;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("gameday-ticks"));
    private final ThreadPoolExecutor calls = new ThreadPoolExecutor(0, MAX_CALLS_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            daemon("gameday-call"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    LoadGenerator(ClientCounters counters) {
        this.counters = counters;
    }

    /**
     * A second's worth of calls from each target at once, not counted, before the traffic starts: the HTTP client's first
     * requests (its set-up, class loading, a connection each) can take a second, which would read as a fault before any.
     */
    void warmUp(List<Target> targets) {
        List<java.util.concurrent.Future<?>> warming = new ArrayList<>();
        for (Target target : targets) {
            for (int call = 0; call < Math.min(Math.ceil(target.traffic().rate()), MAX_CALLS_IN_FLIGHT / 2); call++) {
                warming.add(calls.submit(() -> attempt(target, WARM_UP_TIMEOUT)));
            }
        }
        for (java.util.concurrent.Future<?> call : warming) {
            try {
                call.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // A failed warm-up call is no part of the game day.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void start(List<Target> targets) {
        for (Target target : targets) {
            long period = Math.max(1, Math.round(1_000_000 / target.traffic().rate()));
            ticks.scheduleAtFixedRate(() -> submit(target), 0, period, TimeUnit.MICROSECONDS);
        }
    }

    private void submit(Target target) {
        try {
            calls.execute(() -> call(target));
        } catch (RejectedExecutionException full) {
            counters.call(Instant.now(), false, 0);
        }
    }

    private void call(Target target) {
        Instant start = Instant.now();
        long began = System.nanoTime();
        Scenario.Traffic traffic = target.traffic();
        if (traffic.resolve()) {
            DnsQuery.ask(target.resolver(), target.host().get(), (int) Math.min(traffic.timeout().toMillis(), 2000));
        }
        boolean success = false;
        for (int attempt = 0; attempt <= traffic.retries() && !Thread.currentThread().isInterrupted(); attempt++) {
            if (attempt > 0 && !backoff(attempt)) {
                break;
            }
            Attempt result = attempt(target, traffic.timeout());
            counters.attempt(result.throttled(), result.answered());
            if (result.success()) {
                success = true;
                break;
            }
            if (!result.retryable()) {
                break;
            }
        }
        counters.call(start, success, (System.nanoTime() - began) / 1e6);
    }

    /** One attempt's outcome, judged as an SDK judges it. */
    record Attempt(boolean success, boolean answered, boolean throttled, boolean retryable) {}

    private Attempt attempt(Target target, Duration timeout) {
        if (target.traffic().kind() instanceof Scenario.Tcp tcp) {
            return TcpAttempt.connect(target.gateway(), target.host().get(), tcp.port(), tcp.payload(), timeout);
        }
        AwsCall call = ((Scenario.Api) target.traffic().kind()).call();
        URI gateway = target.gateway();
        String host = gateway.getHost() + ":" + gateway.getPort();
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        String[] headers = new SigV4(target.account(), "backlane-gameday", target.region())
                .headers(call.service(), call.method(), host, call.path(), "", body, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(call.path())).timeout(timeout).headers(headers)
                .method(call.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 400) {
                return new Attempt(true, true, false, false);
            }
            boolean throttled = status == 429 || throttling(response.body());
            return new Attempt(false, true, throttled, throttled || status >= 500);
        } catch (IOException e) {
            return new Attempt(false, false, false, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, false, false, false);
        }
    }

    /** The error codes the SDKs retry as throttling (their standard retry mode's list, for the services called here). */
    private static boolean throttling(String body) {
        Matcher matcher = ERROR_CODE.matcher(body == null ? "" : body);
        if (!matcher.find()) {
            return false;
        }
        String code = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        return switch (code) {
            case "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
                    "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
                    "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                    "EC2ThrottledException" -> true;
            default -> false;
        };
    }

    private static boolean backoff(int attempt) {
        long cap = Math.min(BACKOFF_CAP.toMillis(), BACKOFF_BASE.toMillis() << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops making calls and waits (at most {@code grace}) for those under way to end. */
    void stop(Duration grace) {
        ticks.shutdownNow();
        calls.shutdown();
        try {
            if (!calls.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                calls.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            calls.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
