package dev.backlane.cli.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.cli.BacklaneCommand;
import dev.backlane.core.architecture.PackageGraph;
import dev.backlane.core.model.Vpc;
import dev.backlane.dataplane.dns.DnsListeners;
import dev.backlane.server.BacklaneServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (DESIGN.md) across the whole project: among every package of core,
 * dataplane, server and cli there is no cycle, and no package uses one of a module above its own
 * (cli -> server -> dataplane -> core).
 */
class ProjectPackageGraphTest {
    /** The modules from the bottom up, each with its root package. */
    private static final List<String> LAYERS = List.of("dev.backlane.core", "dev.backlane.dataplane", "dev.backlane.server", "dev.backlane.cli");

    private final PackageGraph graph = PackageGraph.of("dev.backlane", List.of(PackageGraph.classRootOf(Vpc.class),
            PackageGraph.classRootOf(DnsListeners.class), PackageGraph.classRootOf(BacklaneServer.class),
            PackageGraph.classRootOf(BacklaneCommand.class)));

    @Test
    void theGraphHoldsEveryModulesPackages() {
        for (String layer : LAYERS) {
            assertTrue(graph.packages().stream().anyMatch(name -> name.startsWith(layer + ".")), () -> "no package under " + layer);
        }
    }

    @Test
    void noPackageOfTheProjectReachesItselfThroughOthers() {
        assertEquals(List.of(), graph.cycles(), () -> "package cycles:\n" + String.join("\n", graph.cycles()));
    }

    @Test
    void noPackageUsesOneOfAModuleAboveItsOwn() {
        List<String> upward = new ArrayList<>();
        for (String from : graph.packages()) {
            for (String to : graph.uses(from)) {
                if (layerOf(to) > layerOf(from)) {
                    upward.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), upward);
    }

    private static int layerOf(String packageName) {
        for (int i = 0; i < LAYERS.size(); i++) {
            String root = LAYERS.get(i);
            if (packageName.equals(root) || packageName.startsWith(root + ".")) {
                return i;
            }
        }
        throw new IllegalArgumentException(packageName + " is in no module " + Map.of("layers", LAYERS));
    }
}
