package dev.backlane.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small S3 for the gateway tests: buckets and objects in memory, path-style and virtual-hosted addressing,
 * CreateBucket, ListBuckets, PutObject (plain or {@code aws-chunked} bodies, as the SDKs send them over HTTP),
 * GetObject, HeadObject, ListObjectsV2 and DeleteObject, with S3's XML and its {@code NoSuchBucket} and
 * {@code NoSuchKey} errors. It records each request's method and path, so a test can tell what reached it.
 */
final class S3TestServer implements AutoCloseable {
    private static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final HttpServer server;
    private final Map<String, ConcurrentSkipListMap<String, byte[]>> buckets = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    private S3TestServer(HttpServer server) {
        this.server = server;
    }

    static S3TestServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            S3TestServer s3 = new S3TestServer(server);
            server.createContext("/", s3::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "s3-test-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests that reached this S3, as {@code METHOD /path}. */
    List<String> received() {
        return List.copyOf(received);
    }

    Optional<byte[]> object(String bucket, String key) {
        return Optional.ofNullable(buckets.getOrDefault(bucket, new ConcurrentSkipListMap<>()).get(key));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            received.add(method + " " + path);
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            // Virtual-hosted: the bucket is the first label of an *.s3.*amazonaws.com host; else path-style.
            String bucket;
            String key;
            int s3 = host.indexOf(".s3.");
            if (s3 > 0 && host.contains("amazonaws.com")) {
                bucket = host.substring(0, s3);
                key = decode(path.length() > 1 ? path.substring(1) : "");
            } else {
                String rest = path.length() > 1 ? path.substring(1) : "";
                int slash = rest.indexOf('/');
                bucket = decode(slash < 0 ? rest : rest.substring(0, slash));
                key = slash < 0 ? "" : decode(rest.substring(slash + 1));
            }
            byte[] body = body(exchange);
            if (bucket.isEmpty()) {
                listBuckets(exchange);
            } else if (key.isEmpty()) {
                bucketCall(exchange, method, bucket);
            } else {
                objectCall(exchange, method, bucket, key, body);
            }
        }
    }

    private void listBuckets(HttpExchange exchange) throws IOException {
        StringBuilder xml = new StringBuilder("<ListAllMyBucketsResult xmlns=\"" + XMLNS + "\"><Owner><ID>backlane</ID></Owner><Buckets>");
        buckets.keySet().stream().sorted().forEach(name -> xml.append("<Bucket><Name>").append(name)
                .append("</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate></Bucket>"));
        xml.append("</Buckets></ListAllMyBucketsResult>");
        xml(exchange, 200, xml.toString());
    }

    private void bucketCall(HttpExchange exchange, String method, String bucket) throws IOException {
        switch (method) {
            case "PUT" -> {
                buckets.putIfAbsent(bucket, new ConcurrentSkipListMap<>());
                exchange.getResponseHeaders().set("Location", "/" + bucket);
                empty(exchange, 200);
            }
            case "HEAD" -> empty(exchange, buckets.containsKey(bucket) ? 200 : 404);
            case "GET" -> {
                ConcurrentSkipListMap<String, byte[]> objects = buckets.get(bucket);
                if (objects == null) {
                    error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist", bucket);
                    return;
                }
                String prefix = query(exchange, "prefix");
                StringBuilder xml = new StringBuilder("<ListBucketResult xmlns=\"" + XMLNS + "\"><Name>").append(bucket).append("</Name><Prefix>")
                        .append(prefix).append("</Prefix><KeyCount>");
                List<Map.Entry<String, byte[]>> matching = objects.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix)).toList();
                xml.append(matching.size()).append("</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>");
                for (Map.Entry<String, byte[]> entry : matching) {
                    xml.append("<Contents><Key>").append(entry.getKey()).append("</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified>")
                            .append("<ETag>\"0\"</ETag><Size>").append(entry.getValue().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
                }
                xml(exchange, 200, xml.append("</ListBucketResult>").toString());
            }
            case "DELETE" -> {
                buckets.remove(bucket);
                empty(exchange, 204);
            }
            default -> error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.", bucket);
        }
    }

    private void objectCall(HttpExchange exchange, String method, String bucket, String key, byte[] body) throws IOException {
        ConcurrentSkipListMap<String, byte[]> objects = buckets.get(bucket);
        if (objects == null) {
            error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist", bucket);
            return;
        }
        switch (method) {
            case "PUT" -> {
                objects.put(key, body);
                exchange.getResponseHeaders().set("ETag", etag(body));
                empty(exchange, 200);
            }
            case "GET", "HEAD" -> {
                byte[] object = objects.get(key);
                if (object == null) {
                    error(exchange, 404, "NoSuchKey", "The specified key does not exist.", key);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.getResponseHeaders().set("ETag", etag(object));
                if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.length));
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    exchange.sendResponseHeaders(200, object.length == 0 ? -1 : object.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(object);
                    }
                }
            }
            case "DELETE" -> {
                objects.remove(key);
                empty(exchange, 204);
            }
            default -> error(exchange, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.", key);
        }
    }

    /** The object's bytes: an {@code aws-chunked} body (the SDKs' streaming signatures and trailing checksums) decoded. */
    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String sha = Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-amz-content-sha256")).orElse("");
        String encoding = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Encoding")).orElse("");
        if (!sha.startsWith("STREAMING-") && !encoding.contains("aws-chunked")) {
            return raw;
        }
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int lineEnd = indexOfCrLf(raw, at);
            String sizeLine = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            decoded.write(raw, at, size);
            at += size + 2;
        }
        return decoded.toByteArray();
    }

    /** S3's ETag of a single-part object: the MD5 of its bytes, which the SDKs check against what they sent. */
    private static String etag(byte[] object) {
        try {
            return "\"" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(object)) + "\"";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked body without a chunk size line");
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return decode(pair.substring(name.length() + 1));
                }
            }
        }
        return "";
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String resource) throws IOException {
        xml(exchange, status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message><Resource>" + resource
                + "</Resource><RequestId>S3TEST</RequestId></Error>");
    }

    private static void xml(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.getResponseHeaders().set("x-amz-request-id", "S3TEST");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void empty(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }
}
