package dev.backlane.bench.privatelink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The generator of bench/privatelink.sh, three roles:
 * <ul>
 *   <li>{@code serve PORT THREADS}: the target ({@link TargetServer}); prints {@code listening PORT}.</li>
 *   <li>{@code measure NAME KIND PORT [HOST:PORT] SECONDS WARMUP CONNECTIONS [PARTS]}: against one peer, in this
 *       order, bulk upload, download and both ways on CONNECTIONS connections; new connections per second on
 *       CONNECTIONS threads (connect, send a byte, read it back, close); then connect latency on one thread, one
 *       connection after the other. PARTS (comma-separated {@code bulk}, {@code rate}, {@code latency}; all by
 *       default) picks which are measured. Each part gets WARMUP seconds unmeasured first. Prints one
 *       {@code NAME metric value} line each.</li>
 *   <li>{@code idle KIND PORT[,PORT...] [HOST:PORT] COUNT}: opens COUNT connections, spread evenly over the ports
 *       (one gateway holds at most 1,024 connections), each echoing one byte so it is known to reach the target,
 *       prints {@code held N failed M} and holds them until its standard input closes.</li>
 * </ul>
 * KIND is {@code direct}, {@code socks5} or {@code connect} ({@link Route}); HOST:PORT (tunnels only) is the name
 * the gateway is asked for.
 */
public final class PrivateLinkBench {
    private static final int BLOCK = 64 * 1024;

    private PrivateLinkBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "measure" -> {
                boolean tunnel = !args[2].equals("direct");
                Route route = Route.parse(args[2], args[3], tunnel ? args[4] : null);
                int next = tunnel ? 5 : 4;
                List<String> parts = List.of((args.length > next + 3 ? args[next + 3] : "bulk,rate,latency").split(","));
                measure(args[1], route, Integer.parseInt(args[next]), Integer.parseInt(args[next + 1]), Integer.parseInt(args[next + 2]), parts);
            }
            case "idle" -> {
                boolean tunnel = !args[1].equals("direct");
                List<Route> routes = Arrays.stream(args[2].split(",")).map(port -> Route.parse(args[1], port, tunnel ? args[3] : null)).toList();
                idle(routes, Integer.parseInt(args[tunnel ? 4 : 3]));
            }
            default -> throw new IllegalArgumentException("serve, measure or idle: " + args[0]);
        }
    }

    private static void serve(int port, int threads) throws InterruptedException {
        TargetServer server = new TargetServer(port, threads);
        System.out.println("listening " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private static void measure(String name, Route route, int seconds, int warmup, int connections, List<String> parts) throws Exception {
        // The proxy's CPU time per GB carried (bench.cpuOf names its process): what a zero-copy path would save,
        // and unlike MB/s not at the mercy of what else the machine runs.
        String cpuOf = System.getProperty("bench.cpuOf", "");
        long cpuBefore = cpuTicks(cpuOf);
        long bytesBefore = BULK_BYTES.sum();
        for (TargetServer.Mode mode : parts.contains("bulk") ? TargetServer.Mode.values() : new TargetServer.Mode[0]) {
            double megabytes = bulk(route, mode, connections, warmup, seconds);
            String metric = switch (mode) {
                case SINK -> "upload";
                case SOURCE -> "download";
                case ECHO -> "both";
            };
            System.out.printf("%s %s %.1f%n", name, metric, megabytes);
        }
        if (!cpuOf.isEmpty() && parts.contains("bulk")) {
            // Ticks of 10 ms (USER_HZ 100) over the bytes each proxy socket read: what it read is what it wrote.
            System.out.printf("%s cpu_ms_per_gb %.0f%n", name, (cpuTicks(cpuOf) - cpuBefore) * 10.0 / ((BULK_BYTES.sum() - bytesBefore) / 1e9));
        }
        if (parts.contains("rate")) {
            System.out.printf("%s conn_per_s %.0f%n", name, connectionRate(route, connections, warmup, seconds));
        }
        if (parts.contains("latency")) {
            long[] latencies = latencies(route, warmup, seconds);
            System.out.printf("%s connect_p50_us %.0f%n", name, latencies[latencies.length / 2] / 1000.0);
            System.out.printf("%s connect_p99_us %.0f%n", name, latencies[(int) (latencies.length * 0.99)] / 1000.0);
            System.out.printf("%s connect_count %d%n", name, latencies.length);
        }
        System.out.flush();
    }

    /** Bytes every bulk run moved, warm-up included (what the proxy's CPU time is set against). */
    private static final LongAdder BULK_BYTES = new LongAdder();

    /** User plus system CPU ticks of a process and its threads ({@code /proc/PID/stat}); 0 when none is named. */
    private static long cpuTicks(String pid) throws java.io.IOException {
        if (pid.isEmpty()) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** MB/s (10^6 bytes) moved by {@code connections} connections in the mode's direction(s) over {@code seconds}. */
    private static double bulk(Route route, TargetServer.Mode mode, int connections, int warmup, int seconds) throws Exception {
        LongAdder moved = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Socket> sockets = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Socket socket = route.open();
            sockets.add(socket);
            socket.getOutputStream().write(mode.first);
            if (mode != TargetServer.Mode.SOURCE) {
                threads.add(loop(() -> {
                    OutputStream out = socket.getOutputStream();
                    byte[] block = new byte[BLOCK];
                    while (!stop.get()) {
                        out.write(block);
                        moved.add(BLOCK); // both ways: what was sent and what came back, summed
                    }
                }));
            }
            if (mode != TargetServer.Mode.SINK) {
                threads.add(loop(() -> {
                    InputStream in = socket.getInputStream();
                    byte[] block = new byte[BLOCK];
                    for (int n; !stop.get() && (n = in.read(block)) > 0; ) {
                        moved.add(n);
                    }
                }));
            }
        }
        double bytesPerSecond = perSecond(moved::sum, warmup, seconds);
        stop.set(true);
        for (Socket socket : sockets) {
            socket.close();
        }
        for (Thread thread : threads) {
            thread.join(5000);
        }
        BULK_BYTES.add(moved.sum());
        return bytesPerSecond / 1e6;
    }

    /** Connections per second over {@code threads} threads, each opening, pinging and closing one at a time. */
    private static double connectionRate(Route route, int threads, int warmup, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(loop(() -> {
                while (!stop.get()) {
                    try {
                        ping(route);
                        done.incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        double rate = perSecond(done::get, warmup, seconds);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(5000);
        }
        if (failed.get() > 0) {
            System.err.println(failed.get() + " connections failed");
        }
        return rate;
    }

    /** How fast {@code counter} grows over {@code seconds}, once {@code warmup} seconds have passed. */
    private static double perSecond(LongSupplier counter, int warmup, int seconds) throws InterruptedException {
        Thread.sleep(warmup * 1000L);
        long start = counter.getAsLong();
        long startNanos = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return (counter.getAsLong() - start) / ((System.nanoTime() - startNanos) / 1e9);
    }

    /** Nanoseconds from connect to the echoed byte, one connection at a time, sorted. */
    private static long[] latencies(Route route, int warmup, int seconds) throws IOException {
        long warm = System.nanoTime() + warmup * 1_000_000_000L;
        while (System.nanoTime() < warm) {
            ping(route);
        }
        long[] samples = new long[1 << 16];
        int count = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            ping(route);
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, count * 2);
            }
            samples[count++] = System.nanoTime() - start;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return sorted;
    }

    private static void ping(Route route) throws IOException {
        try (Socket socket = route.open()) {
            echoOne(socket);
        }
    }

    private static void echoOne(Socket socket) throws IOException {
        socket.getOutputStream().write(TargetServer.Mode.ECHO.first);
        if (socket.getInputStream().read() != TargetServer.Mode.ECHO.first) {
            throw new IOException("no echo");
        }
    }

    private static void idle(List<Route> routes, int count) throws Exception {
        List<Socket> held = new ArrayList<>(count);
        int openers = 8;
        CountDownLatch opened = new CountDownLatch(openers);
        AtomicLong failures = new AtomicLong();
        for (int t = 0; t < openers; t++) {
            int first = t;
            loop(() -> {
                try {
                    for (int i = first; i < count; i += openers) {
                        Socket socket = null;
                        try {
                            socket = routes.get(i % routes.size()).open();
                            echoOne(socket);
                            synchronized (held) {
                                held.add(socket);
                            }
                        } catch (IOException e) {
                            if (socket != null) {
                                socket.close();
                            }
                            if (failures.incrementAndGet() == 1) {
                                System.err.println("first failure: " + e);
                            }
                        }
                    }
                } finally {
                    opened.countDown();
                }
            });
        }
        opened.await();
        System.out.println("held " + held.size() + " failed " + failures.get());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread loop(Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                // a socket closed at the end of a measurement
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
