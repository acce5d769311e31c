package dev.backlane.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.Vpc;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Core does no I/O (DESIGN.md): no class of it names the file system, files, sockets or HTTP. Reading
 * its own resources from the class path is not I/O in this sense, so streams stay allowed.
 */
class CoreIoTest {
    private static final Set<String> FILE_AND_NETWORK_TYPES = Set.of("java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream",
            "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile", "java.net.Socket", "java.net.ServerSocket",
            "java.net.DatagramSocket", "java.net.URLConnection", "java.net.HttpURLConnection");
    private static final Predicate<String> IO = type -> FILE_AND_NETWORK_TYPES.contains(type) || type.startsWith("java.nio.file.")
            || type.startsWith("java.nio.channels.") || type.startsWith("java.net.http.");

    @Test
    void noCoreClassNamesTheFileSystemOrTheNetwork() {
        Map<String, Set<String>> found = PackageGraph.classesNaming(List.of(PackageGraph.classRootOf(Vpc.class)), IO);

        assertEquals(Map.of(), found);
    }

    @Test
    void theCheckSeesFileSystemTypes() {
        Map<String, Set<String>> found = PackageGraph.classesNaming(List.of(PackageGraph.classRootOf(CoreIoTest.class)), IO);

        assertTrue(found.get(PackageGraph.class.getName()).containsAll(Set.of("java.nio.file.Files", "java.nio.file.Path")), found.toString());
    }
}
