package dev.backlane.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Vpc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dependencies among core's packages point one way (DESIGN.md): no package reaches itself through others. */
class CorePackageCycleTest {
    @Test
    void corePackagesHaveNoCycle() {
        PackageGraph graph = PackageGraph.of("dev.backlane.core", List.of(PackageGraph.classRootOf(Vpc.class)));

        assertTrue(graph.packages().contains("dev.backlane.core.elb"), "the graph was read from core's classes");
        assertEquals(List.of(), graph.cycles(), () -> "package cycles:\n" + String.join("\n", graph.cycles()));
    }
}
