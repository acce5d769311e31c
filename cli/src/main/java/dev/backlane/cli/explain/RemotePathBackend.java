package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Asks a running Backlane: {@code POST /_backlane/explain} with the queries as a JSON array. */
final class RemotePathBackend implements PathBackend {
    private final URI endpoint;
    private final HttpClient client = HttpClient.newHttpClient();

    RemotePathBackend(String endpointUrl) {
        String base = endpointUrl.endsWith("/") ? endpointUrl.substring(0, endpointUrl.length() - 1) : endpointUrl;
        this.endpoint = URI.create(base + "/_backlane/explain");
    }

    @Override
    public List<JsonNode> explain(List<JsonNode> queries) throws IOException {
        ArrayNode body = PathJson.mapper().createArrayNode();
        queries.forEach(body::add);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + endpoint, e);
        }
        JsonNode answer = PathJson.mapper().readTree(response.body());
        if (response.statusCode() != 200 || !answer.isArray()) {
            throw new IOException(endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> results = new ArrayList<>();
        answer.forEach(results::add);
        return results;
    }
}
