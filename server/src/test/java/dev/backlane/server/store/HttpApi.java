package dev.backlane.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain HTTP client for a running server: EC2 Query calls as form posts, and the admin endpoints. */
public final class HttpApi {
    private static final Pattern REQUEST_ID = Pattern.compile("<(requestId|RequestID)>[^<]*</(requestId|RequestID)>");

    private final HttpClient client = HttpClient.newHttpClient();
    private final String endpoint;

    public HttpApi(String endpoint) {
        this.endpoint = endpoint;
    }

    public record Response(int status, String body) {
        /** The body without its request ID, which differs on every call. */
        public String stable() {
            return REQUEST_ID.matcher(body).replaceAll("");
        }

        public List<String> all(String element) {
            Matcher matcher = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body);
            List<String> values = new ArrayList<>();
            while (matcher.find()) {
                values.add(matcher.group(1));
            }
            return values;
        }

        public String first(String element) {
            List<String> values = all(element);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    public Response ec2(String action, String... parameters) {
        return query(null, "2016-11-15", action, parameters);
    }

    /** A CloudWatch Query call, signed (unverified) for the monitoring service so the server routes it there. */
    public Response monitoring(String action, String... parameters) {
        return query("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=0",
                "2010-08-01", action, parameters);
    }

    private Response query(String authorization, String version, String action, String... parameters) {
        StringBuilder form = new StringBuilder("Action=").append(action).append("&Version=").append(version);
        for (int i = 0; i < parameters.length; i += 2) {
            form.append('&').append(URLEncoder.encode(parameters[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public Response admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(endpoint + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
