package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import dev.backlane.core.policy.JsonSyntaxProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.model.Scope;
import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotReader;
import dev.backlane.core.snapshot.SnapshotScopeWriter;
import dev.backlane.core.world.Cloud;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /_backlane/import}: loads a snapshot of real accounts into the running cloud. The body is
 * {@code {"files": {"aws_configs/us-east-1/Vpcs.json": <the file's JSON>, ...}}} (a file's content may
 * also be given as a string); names place files as the snapshot's directory layout does. Each scope is
 * written by one command through {@link Cloud}, so it is stored like any other change. The answer is
 * {@code {"report": <ImportReport>, "loaded": [{"account", "region", "resources"}]}}.
 */
public final class SnapshotImportHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/import";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cloud cloud;
    private final SnapshotReader reader;

    public SnapshotImportHttpHandler(Cloud cloud) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.reader = new SnapshotReader(AwsPrefixListCatalog.standard());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, error("not found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, error("method not allowed"));
                return;
            }
            Map<String, JsonNode> files;
            try (InputStream body = exchange.getRequestBody()) {
                files = files(JSON.readTree(body));
            } catch (JsonProcessingException e) {
                send(exchange, 400, error("the body is not JSON: " + JsonSyntaxProblem.describe(e)));
                return;
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
                return;
            }
            try {
                send(exchange, 200, JSON.writeValueAsString(load(reader.readDocuments(files))));
            } catch (AwsException e) {
                send(exchange, e.code().httpStatus(), error(e.getMessage()));
            }
        }
    }

    private ObjectNode load(Snapshot snapshot) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("report", JSON.readTree(snapshot.report().toJson()));
        ArrayNode loaded = answer.putArray("loaded");
        for (Scope scope : snapshot.world().scopes()) {
            boolean scopeIsNew = !cloud.snapshot().hasScope(scope);
            int written = cloud.write(scope, transaction -> SnapshotScopeWriter.write(transaction, snapshot.world(), scopeIsNew));
            loaded.addObject().put("account", scope.account()).put("region", scope.region()).put("resources", written);
        }
        return answer;
    }

    private static Map<String, JsonNode> files(JsonNode document) throws JsonProcessingException {
        JsonNode files = document == null ? null : document.get("files");
        if (files == null || !files.isObject()) {
            throw new IllegalArgumentException("expected {\"files\": {\"name.json\": {...}}}");
        }
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = files.fields(); entries.hasNext();) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode content = entry.getValue();
            parsed.put(entry.getKey(), content.isTextual() ? JSON.readTree(content.textValue()) : content);
        }
        return parsed;
    }
}
