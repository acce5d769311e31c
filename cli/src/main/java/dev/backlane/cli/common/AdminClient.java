package dev.backlane.cli.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Talks to a running Backlane's admin endpoints ({@code /_backlane/...}) for the CLI. Every way a call
 * can fail becomes a {@link CommandFailure} with a plain sentence: no answer at all, an HTTP error, or
 * an answer that is not Backlane's.
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QUOTED_BODY_LIMIT = 300;

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public AdminClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** POSTs a JSON body to {@code path} and returns the JSON answer; {@code what} names the request in errors ("the audit"). */
    public JsonNode postJson(String path, byte[] body, String what) {
        return json(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)), path, what);
    }

    /** GETs {@code path} and returns the JSON answer; {@code what} names the request in errors. */
    public JsonNode getJson(String path, String what) {
        return json(request(path).GET(), path, what);
    }

    private JsonNode json(HttpRequest.Builder request, String path, String what) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        check(response.statusCode(), path, response.body(), what);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw notBacklane(path, "an answer that is not JSON");
        }
    }

    /** A request builder for {@code path} on this Backlane. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(endpoint.resolve(path));
    }

    /** Sends the request; a failure to connect becomes "cannot reach Backlane at URL: why". */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CommandFailure.unreachable("interrupted while waiting for Backlane at " + endpoint);
        } catch (IOException e) {
            throw CommandFailure.unreachable("cannot reach Backlane at " + endpoint + ": " + reason(e));
        }
    }

    /**
     * Turns a status other than 2xx into a failure: 4xx (Backlane refused the input) exits 1, while 404 and
     * 405 (no such admin endpoint: not a Backlane, or an older one) and 5xx exit 3, as the server is at fault.
     */
    public void check(int status, String path, String body, String what) {
        if (status >= 200 && status < 300) {
            return;
        }
        if (status == 404 || status == 405) {
            throw notBacklane(path, "HTTP " + status);
        }
        String message = errorMessage(body);
        if (status >= 400 && status < 500) {
            throw CommandFailure.failed("Backlane at " + endpoint + " refused " + what + " (HTTP " + status + "): " + message);
        }
        throw CommandFailure.unreachable("Backlane at " + endpoint + " failed to answer " + what + " (HTTP " + status + "): " + message);
    }

    private CommandFailure notBacklane(String path, String answer) {
        return CommandFailure.unreachable(endpoint + " answered " + path + " with " + answer
                + ": is it a Backlane server, and as new as this command?");
    }

    /** Backlane's errors are {@code {"error": "..."}}; anything else is quoted, shortened. */
    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // Quoted as it is, below.
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "no details given";
        }
        return text.length() > QUOTED_BODY_LIMIT ? text.substring(0, QUOTED_BODY_LIMIT) + "..." : text;
    }

    /** Why a connection failed, in words: the JDK's exceptions often carry no message at all. */
    private static String reason(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host (is the URL right?)";
            }
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "no answer within 10 seconds (is the URL right?)";
        }
        if (failure instanceof ConnectException) {
            return "connection refused (is it running? start it with ./backlane start)";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? "the connection failed" : message;
    }
}
