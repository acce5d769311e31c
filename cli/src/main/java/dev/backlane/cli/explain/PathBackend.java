package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where explained paths come from: a running Backlane, or a world held in this process. */
interface PathBackend {
    /** One result (or {@code {"error": ...}}) per query, in order. */
    List<JsonNode> explain(List<JsonNode> queries);
}
