package dev.backlane.bench;

import dev.backlane.core.snapshot.ImportReport;
import dev.backlane.core.snapshot.Snapshot;
import dev.backlane.core.snapshot.SnapshotFolder;
import dev.backlane.core.snapshot.SyntheticSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Import time of a generated snapshot: writes {@link SyntheticSnapshot.Size#large()} (1,000 VPCs,
 * 10,000 subnets, 50,000 instance interfaces, 2,000 endpoints) as describe-* JSON to a temporary
 * directory, then reads it with {@link SnapshotFolder} several times and prints each run's wall time.
 * The first run includes JIT warm-up; the goal is under 10 s. Arguments: {@code [runs] [vpcs]}.
 */
public final class SnapshotImportBenchmark {
    private SnapshotImportBenchmark() {}

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        SyntheticSnapshot.Size large = SyntheticSnapshot.Size.large();
        SyntheticSnapshot.Size size = args.length > 1 ? new SyntheticSnapshot.Size(Integer.parseInt(args[1]), large.subnetsPerVpc(),
                large.instancesPerSubnet()) : large;
        Path root = Files.createTempDirectory("backlane-snapshot-");
        try {
            long start = System.nanoTime();
            new SyntheticSnapshot(size).write(root);
            long bytes;
            try (Stream<Path> files = Files.walk(root)) {
                bytes = files.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
            }
            System.out.printf("generated %d VPCs, %d subnets, %d network interfaces, %d instances, %d endpoints: %.1f MB in %.2f s%n",
                    size.vpcs(), size.subnets(), size.networkInterfaces(), size.instances(), size.endpoints(), bytes / 1e6,
                    (System.nanoTime() - start) / 1e9);
            double best = Double.MAX_VALUE;
            for (int run = 1; run <= runs; run++) {
                long began = System.nanoTime();
                Snapshot snapshot = SnapshotFolder.read(root);
                double seconds = (System.nanoTime() - began) / 1e9;
                best = Math.min(best, seconds);
                ImportReport report = snapshot.report();
                System.out.printf("run %d: import %.2f s (%d resources, %d broken references)%n", run, seconds,
                        report.scopes().stream().mapToInt(scope -> scope.resources().values().stream().mapToInt(Integer::intValue).sum()).sum(),
                        report.brokenReferences().size());
            }
            System.out.printf("best import: %.2f s (goal: under 10 s)%n", best);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
