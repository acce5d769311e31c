package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticSnapshotTest {
    @TempDir
    Path root;

    @Test
    void smallSyntheticSnapshotImportsWholeWithNoBrokenReferences() {
        SyntheticSnapshot.Size size = new SyntheticSnapshot.Size(4, 5, 3);
        Snapshot snapshot = SnapshotFolder.read(new SyntheticSnapshot(size).write(root));
        ImportReport report = snapshot.report();
        assertTrue(report.brokenReferences().isEmpty(), report.toText());
        assertTrue(report.unknownKeys().isEmpty(), report.toText());
        assertEquals(4, report.count("vpc"));
        assertEquals(size.subnets(), report.count("subnet"));
        assertEquals(size.networkInterfaces(), report.count("network-interface"));
        assertEquals(size.instances(), report.count("instance"));
        assertEquals(size.endpoints(), report.count("vpc-endpoint"));
        assertEquals(12, report.count("route-table"));
        Scope scope = new Scope(SyntheticSnapshot.ACCOUNT, SyntheticSnapshot.REGION);
        assertTrue(snapshot.world().find(scope, ResourceTypes.VPC, SyntheticSnapshot.vpc(3)).orElseThrow().enableDnsHostnames());
        assertEquals(SyntheticSnapshot.subnet(2, 1), snapshot.world().find(scope, ResourceTypes.ROUTE_TABLE, SyntheticSnapshot.routeTable(2, 2))
                .orElseThrow().associations().get(0).subnetId());
    }
}
