package dev.backlane.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.architecture.fixture.upper.Upper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PackageGraphTest {
    private static final String FIXTURE = "dev.backlane.core.architecture.fixture";
    private final PackageGraph graph = PackageGraph.of(FIXTURE, List.of(PackageGraph.classRootOf(Upper.class)));

    @Test
    void twoPackagesThatUseEachOtherAreOneCycle() {
        List<String> cycles = graph.cycles();

        assertEquals(1, cycles.size(), cycles.toString());
        assertTrue(cycles.get(0).startsWith(FIXTURE + ".lower <-> " + FIXTURE + ".upper:"), cycles.get(0));
        assertTrue(cycles.get(0).contains(FIXTURE + ".upper -> " + FIXTURE + ".lower (" + FIXTURE + ".upper.Upper uses "), cycles.get(0));
    }

    @Test
    void aTypeArgumentIsADependencyAndAStringIsNot() {
        assertEquals(Set.of(FIXTURE + ".lower"), graph.uses(FIXTURE + ".generic"));
    }
}
