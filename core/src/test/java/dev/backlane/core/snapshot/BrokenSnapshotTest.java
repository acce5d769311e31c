package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokenSnapshotTest {
    private static final Scope SCOPE = new Scope("111122223333", "eu-west-1");

    @TempDir
    Path root;

    private Snapshot write() throws IOException {
        Path region = Files.createDirectories(root.resolve("aws_configs/111122223333/eu-west-1"));
        Files.writeString(region.resolve("vpcs.json"), """
                {"Vpcs": [{"VpcId": "vpc-0a000000000000001", "CidrBlock": "10.0.0.0/16", "OwnerId": "111122223333"}]}""");
        Files.writeString(region.resolve("anything-named.json"), """
                {"Subnets": [{"SubnetId": "subnet-0a000000000000001", "VpcId": "vpc-0a000000000000009", "CidrBlock": "10.9.0.0/24",
                              "AvailabilityZone": "eu-west-1a"}],
                 "Widgets": [{"WidgetId": "w-1"}]}""");
        Files.writeString(region.resolve("routes.json"), """
                {"RouteTables": [{"RouteTableId": "rtb-0a000000000000001", "VpcId": "vpc-0a000000000000001",
                  "Associations": [{"RouteTableAssociationId": "rtbassoc-0a000000000000001", "Main": true}],
                  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                             {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-0a000000000000001", "State": "blackhole"},
                             {"DestinationPrefixListId": "pl-00000001", "GatewayId": "vpce-0a000000000000001"}]}]}""");
        Files.writeString(region.resolve("broken.json"), "{\"Vpcs\": [");
        return SnapshotFolder.read(root);
    }

    @Test
    void aRouteToAMissingNatGatewayIsReportedAndTheRestIsImported() throws IOException {
        Snapshot snapshot = write();
        ImportReport report = snapshot.report();
        List<String> missing = report.brokenReferences().stream().map(ImportReport.BrokenReference::missingId).toList();
        assertTrue(missing.contains("nat-0a000000000000001"), report.toText());
        assertTrue(missing.contains("vpce-0a000000000000001"), report.toText());
        assertTrue(missing.contains("pl-00000001"), report.toText());
        ImportReport.BrokenReference nat = report.brokenReferences().stream()
                .filter(reference -> reference.missingKind().equals("natgateway")).findFirst().orElseThrow();
        assertEquals("rtb-0a000000000000001", nat.resourceId());
        assertEquals("route 0.0.0.0/0 NatGatewayId", nat.field());
        assertTrue(snapshot.world().find(SCOPE, ResourceTypes.ROUTE_TABLE, "rtb-0a000000000000001").isPresent());
    }

    @Test
    void aSubnetOfAnUnknownVpcIsReported() throws IOException {
        ImportReport report = write().report();
        assertTrue(report.brokenReferences().stream().anyMatch(reference -> reference.resourceId().equals("subnet-0a000000000000001")
                && reference.missingId().equals("vpc-0a000000000000009") && reference.missingKind().equals("vpc")), report.toText());
    }

    @Test
    void unknownKeysAndUnreadableFilesAreReportedNotFatal() throws IOException {
        Snapshot snapshot = write();
        ImportReport report = snapshot.report();
        assertEquals(List.of(new ImportReport.UnknownKey("aws_configs/111122223333/eu-west-1/anything-named.json", "Widgets")),
                report.unknownKeys());
        assertTrue(report.notes().stream().anyMatch(note -> note.startsWith("aws_configs/111122223333/eu-west-1/broken.json: not read")),
                report.notes().toString());
        assertEquals(1, report.count("vpc"));
        assertEquals(1, report.count("subnet"));
        assertEquals(java.util.Set.of(SCOPE), snapshot.world().scopes());
    }

    @Test
    void flatSnapshotWithoutOwnersOrZonesGetsTheDefaultsAndSaysSo() throws IOException {
        Files.writeString(root.resolve("Vpcs.json"), """
                {"Vpcs": [{"VpcId": "vpc-0a000000000000001", "CidrBlock": "10.0.0.0/16"}]}""");
        Snapshot snapshot = SnapshotFolder.read(root);
        assertTrue(snapshot.world().find(new Scope(SnapshotReader.UNKNOWN_ACCOUNT, "us-east-1"), ResourceTypes.VPC, "vpc-0a000000000000001")
                .isPresent());
        assertEquals(2, snapshot.report().notes().size(), snapshot.report().notes().toString());
    }

    @Test
    void regionDirectoryWithoutAwsConfigsGivesTheRegionAndOwnersTheAccount() throws IOException {
        Path region = Files.createDirectories(root.resolve("ap-southeast-2"));
        Files.writeString(region.resolve("x.json"), """
                {"Vpcs": [{"VpcId": "vpc-0a000000000000001", "CidrBlock": "10.0.0.0/16", "OwnerId": "444455556666"}]}""");
        Snapshot snapshot = SnapshotFolder.read(root);
        assertEquals(java.util.Set.of(new Scope("444455556666", "ap-southeast-2")), snapshot.world().scopes());
        assertTrue(snapshot.report().notes().isEmpty(), snapshot.report().notes().toString());
    }
}
