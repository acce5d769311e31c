package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.server.analysis.PathJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Asks a running Backlane: {@code POST /_backlane/explain} with the queries as a JSON array. */
final class RemotePathBackend implements PathBackend {
    private static final String PATH = "/_backlane/explain";

    private final AdminClient server;

    RemotePathBackend(AdminClient server) {
        this.server = server;
    }

    @Override
    public List<JsonNode> explain(List<JsonNode> queries) {
        ArrayNode body = PathJson.mapper().createArrayNode();
        queries.forEach(body::add);
        JsonNode answer = server.postJson(PATH, body.toString().getBytes(StandardCharsets.UTF_8), "the queries");
        boolean oneObjectEach = answer.isArray() && answer.size() == queries.size();
        for (JsonNode result : answer) {
            oneObjectEach &= result.isObject();
        }
        if (!oneObjectEach) {
            throw CommandFailure.unreachable(server.endpoint() + " answered " + PATH + " with something other than one result per query: "
                    + "is it a Backlane server?");
        }
        List<JsonNode> results = new ArrayList<>();
        answer.forEach(results::add);
        return results;
    }
}
