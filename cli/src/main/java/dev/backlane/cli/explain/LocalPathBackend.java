package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.world.World;
import dev.backlane.server.analysis.PathJson;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Explains paths on a world held in this process (an imported snapshot). */
final class LocalPathBackend implements PathBackend {
    private final PathEngine engine;
    private final WorldIndex index;

    LocalPathBackend(World world, InstantSource clock) {
        this.engine = new PathEngine(clock);
        this.index = engine.index(world);
    }

    @Override
    public List<JsonNode> explain(List<JsonNode> queries) {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode query : queries) {
            try {
                results.add(PathJson.toJson(engine.explain(index, PathJson.query(query))));
            } catch (IllegalArgumentException e) {
                results.add(PathJson.error(e.getMessage()));
            } catch (AwsException e) {
                results.add(PathJson.error(e.code().code() + ": " + e.getMessage()));
            }
        }
        return results;
    }
}
