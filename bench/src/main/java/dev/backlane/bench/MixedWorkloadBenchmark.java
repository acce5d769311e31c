package dev.backlane.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mixed EC2 workload of the foundation issue, driven from Java so that the client is never the
 * bottleneck: each of N clients repeatedly creates a VPC, a subnet, a security group and an ingress
 * rule, then runs three filtered Describes. The same workload runs against every target (Backlane,
 * moto_server, ...) in turn; requests/s and p50/p99 latency are printed per target, with the ratio of
 * each target's throughput to the last one's. A second phase loads a given number of resources into
 * the first target and measures filtered Describe latency on top of them.
 *
 * <p>Usage: {@code MixedWorkloadBenchmark --target backlane=http://127.0.0.1:4577 --target moto=http://127.0.0.1:5000
 * [--clients 8] [--cycles 600] [--warmup 300] [--loaded 10000] [--describes 20000]}
 */
public final class MixedWorkloadBenchmark {
    private static final Pattern VPC_ID = Pattern.compile("<vpcId>(vpc-[0-9a-f]+)</vpcId>");
    private static final Pattern SUBNET_ID = Pattern.compile("<subnetId>(subnet-[0-9a-f]+)</subnetId>");
    private static final Pattern GROUP_ID = Pattern.compile("<groupId>(sg-[0-9a-f]+)</groupId>");
    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=00";

    private MixedWorkloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> targets = new LinkedHashMap<>();
        int clients = 8;
        int cycles = 600;
        int loaded = 10_000;
        int describes = 20_000;
        int warmup = 300;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--target" -> {
                    String[] target = args[i + 1].split("=", 2);
                    targets.put(target[0], target[1]);
                }
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--cycles" -> cycles = Integer.parseInt(args[i + 1]);
                case "--loaded" -> loaded = Integer.parseInt(args[i + 1]);
                case "--describes" -> describes = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("give at least one --target name=url");
        }
        System.out.printf("Phase 1: mixed workload, %d clients, %d cycles of 7 calls per target (after %d unmeasured warm-up cycles)%n",
                clients, cycles, warmup);
        System.out.printf("%-12s | %8s | %6s | %7s | %10s | %7s | %7s%n", "target", "calls", "errors", "seconds", "requests/s", "p50 ms",
                "p99 ms");
        List<Result> results = new ArrayList<>();
        int offset = 0;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            // The same warm-up for every target: the JVM compiles its hot paths, Python servers fill their caches.
            mixedWorkload(target.getKey(), target.getValue(), clients, warmup, offset);
            offset += warmup;
            Result result = mixedWorkload(target.getKey(), target.getValue(), clients, cycles, offset);
            offset += cycles;
            results.add(result);
            System.out.println(result.line());
        }
        if (results.size() > 1) {
            Result peer = results.get(results.size() - 1);
            for (Result result : results.subList(0, results.size() - 1)) {
                System.out.printf("throughput ratio %s/%s: %.1fx%n", result.name, peer.name, result.requestsPerSecond() / peer.requestsPerSecond());
            }
        }
        if (loaded > 0) {
            Map.Entry<String, String> first = targets.entrySet().iterator().next();
            describePhase(first.getKey(), first.getValue(), clients, loaded, describes);
        }
    }

    private static Result mixedWorkload(String name, String url, int clients, int cycles, int offset) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                Client client = new Client(url);
                List<Long> latencies = new ArrayList<>();
                for (int cycle = next.getAndIncrement(); cycle < cycles; cycle = next.getAndIncrement()) {
                    runCycle(client, offset + cycle, latencies, errors);
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        long[] all = collect(futures);
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(name, all, errors.get(), seconds);
    }

    private static void runCycle(Client client, int cycle, List<Long> latencies, AtomicInteger errors) {
        String cidr = "10." + (cycle / 250 % 250) + "." + (cycle % 250) + ".0";
        String tag = "bench-" + cycle;
        Reply vpc = client.call(latencies, errors, "CreateVpc", "CidrBlock", "10." + (cycle % 250) + ".0.0/16",
                "TagSpecification.1.ResourceType", "vpc", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", tag);
        String vpcId = vpc.find(VPC_ID);
        if (vpcId == null) {
            return;
        }
        client.call(latencies, errors, "CreateSubnet", "VpcId", vpcId, "CidrBlock", "10." + (cycle % 250) + ".1.0/24");
        Reply group = client.call(latencies, errors, "CreateSecurityGroup", "VpcId", vpcId, "GroupName", "web-" + cycle,
                "GroupDescription", "web tier");
        String groupId = group.find(GROUP_ID);
        if (groupId != null) {
            client.call(latencies, errors, "AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                    "IpPermissions.1.FromPort", "443", "IpPermissions.1.ToPort", "443", "IpPermissions.1.IpRanges.1.CidrIp", cidr + "/24");
        }
        client.call(latencies, errors, "DescribeVpcs", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", tag);
        client.call(latencies, errors, "DescribeSubnets", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId);
        client.call(latencies, errors, "DescribeSecurityGroups", "Filter.1.Name", "group-name", "Filter.1.Value.1", "web-" + cycle);
    }

    private static void describePhase(String name, String url, int clients, int loaded, int describes) throws Exception {
        Client loader = new Client(url);
        List<String> vpcs = new ArrayList<>();
        List<Long> ignored = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        int resources = 0;
        for (int i = 0; resources < loaded; i++) {
            Reply vpc = loader.call(ignored, errors, "CreateVpc", "CidrBlock", "10." + (i % 250) + ".0.0/16",
                    "TagSpecification.1.ResourceType", "vpc", "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "load-" + i);
            String vpcId = vpc.find(VPC_ID);
            if (vpcId == null) {
                break;
            }
            vpcs.add(vpcId);
            // A VPC brings its main route table, default group and default ACL.
            resources += 4;
            for (int s = 0; s < 4 && resources < loaded; s++, resources++) {
                loader.call(ignored, errors, "CreateSubnet", "VpcId", vpcId, "CidrBlock", "10." + (i % 250) + "." + s + ".0/24");
            }
            Reply group = loader.call(ignored, errors, "CreateSecurityGroup", "VpcId", vpcId, "GroupName", "app", "GroupDescription", "app");
            resources++;
            String groupId = group.find(GROUP_ID);
            if (groupId != null) {
                loader.call(ignored, errors, "AuthorizeSecurityGroupIngress", "GroupId", groupId, "IpPermissions.1.IpProtocol", "tcp",
                        "IpPermissions.1.FromPort", "443", "IpPermissions.1.ToPort", "443", "IpPermissions.1.IpRanges.1.CidrIp", "10.0.0.0/8");
                resources++;
            }
        }
        System.out.printf("%nPhase 2: %d resources loaded into %s in %.1f s (%d failed calls); filtered Describe, %d clients%n", resources, name,
                (System.nanoTime() - start) / 1e9, errors.get(), clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger describeErrors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long phaseStart = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                Client client = new Client(url);
                List<Long> latencies = new ArrayList<>();
                for (int i = next.getAndIncrement(); i < describes; i = next.getAndIncrement()) {
                    String vpcId = vpcs.get(i % vpcs.size());
                    switch (i % 3) {
                        case 0 -> client.call(latencies, describeErrors, "DescribeVpcs", "Filter.1.Name", "tag:Name", "Filter.1.Value.1",
                                "load-" + (i % vpcs.size()));
                        case 1 -> client.call(latencies, describeErrors, "DescribeSubnets", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpcId);
                        default -> client.call(latencies, describeErrors, "DescribeSecurityGroups", "Filter.1.Name", "vpc-id", "Filter.1.Value.1",
                                vpcId, "Filter.2.Name", "group-name", "Filter.2.Value.1", "app");
                    }
                }
                return latencies.stream().mapToLong(Long::longValue).toArray();
            }));
        }
        long[] all = collect(futures);
        Result result = new Result(name, all, describeErrors.get(), (System.nanoTime() - phaseStart) / 1e9);
        pool.shutdown();
        System.out.printf("%-12s | %8s | %6s | %7s | %10s | %7s | %7s%n", "target", "calls", "errors", "seconds", "requests/s", "p50 ms",
                "p99 ms");
        System.out.println(result.line());
    }

    private static long[] collect(List<Future<long[]>> futures) throws Exception {
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (Future<long[]> future : futures) {
            long[] part = future.get();
            parts.add(part);
            total += part.length;
        }
        long[] all = new long[total];
        int position = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        Arrays.sort(all);
        return all;
    }

    private record Result(String name, long[] sortedNanos, int errors, double seconds) {
        double requestsPerSecond() {
            return sortedNanos.length / seconds;
        }

        double percentileMillis(double fraction) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(fraction * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        String line() {
            return String.format("%-12s | %8d | %6d | %7.1f | %10.0f | %7.2f | %7.2f", name, sortedNanos.length, errors, seconds,
                    requestsPerSecond(), percentileMillis(0.50), percentileMillis(0.99));
        }
    }

    private record Reply(int status, String body) {
        String find(Pattern pattern) {
            if (status != 200) {
                return null;
            }
            Matcher matcher = pattern.matcher(body);
            return matcher.find() ? matcher.group(1) : null;
        }
    }

    /**
     * One client: its own keep-alive HTTP/1.1 connection over a plain socket, form-encoded EC2 Query
     * calls with a SigV4-shaped header. Deliberately minimal (blocking, no pooling) so that the client
     * spends as little of the shared CPU as possible and the figures are the servers'.
     */
    private static final class Client {
        private final String host;
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Client(String url) {
            URI uri = URI.create(url);
            this.host = uri.getHost();
            this.port = uri.getPort();
        }

        Reply call(List<Long> latencies, AtomicInteger errors, String action, String... parameters) {
            StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=2016-11-15");
            for (int i = 0; i < parameters.length; i += 2) {
                form.append('&').append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
            }
            byte[] body = form.toString().getBytes(StandardCharsets.UTF_8);
            byte[] head = ("POST / HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\nAuthorization: " + AUTHORIZATION
                    + "\r\nX-Amz-Date: 20260101T000000Z\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            for (int attempt = 0; ; attempt++) {
                try {
                    connect();
                    out.write(head);
                    out.write(body);
                    out.flush();
                    Reply reply = readReply();
                    latencies.add(System.nanoTime() - start);
                    if (reply.status() != 200) {
                        errors.incrementAndGet();
                    }
                    return reply;
                } catch (IOException e) {
                    close();
                    // A keep-alive connection the server closed between calls: resend once on a new one.
                    if (attempt == 1) {
                        errors.incrementAndGet();
                        return new Reply(599, e.toString());
                    }
                }
            }
        }

        private void connect() throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                out = new BufferedOutputStream(socket.getOutputStream(), 8192);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
            }
        }

        private Reply readReply() throws IOException {
            String statusLine = readLine();
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = -1;
            boolean closeAfter = statusLine.startsWith("HTTP/1.0");
            boolean chunked = false;
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                } else if (lower.startsWith("connection:")) {
                    closeAfter = lower.contains("close");
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
                    content.write(in.readNBytes(size));
                    readLine();
                }
                readLine();
            } else if (length >= 0) {
                content.write(in.readNBytes(length));
            } else {
                content.write(in.readAllBytes());
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Reply(status, content.toString(StandardCharsets.UTF_8));
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    int last = line.length() - 1;
                    return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
                }
                line.append((char) c);
            }
            return line.length() == 0 ? null : line.toString();
        }

        private void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // Closing a broken connection; the next call opens a new one.
            }
            socket = null;
        }
    }
}
