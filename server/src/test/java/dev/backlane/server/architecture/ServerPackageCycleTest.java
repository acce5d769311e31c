package dev.backlane.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.architecture.PackageGraph;
import dev.backlane.server.BacklaneServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependencies among the server's packages point one way (DESIGN.md): no package reaches itself through others. */
class ServerPackageCycleTest {
    @Test
    void serverPackagesHaveNoCycle() {
        PackageGraph graph = PackageGraph.of("dev.backlane.server", List.of(PackageGraph.classRootOf(BacklaneServer.class)));

        assertTrue(graph.uses("dev.backlane.server").contains("dev.backlane.server.http"), "the graph was read from the server's classes");
        assertEquals(List.of(), graph.cycles(), () -> "package cycles:\n" + String.join("\n", graph.cycles()));
    }
}
