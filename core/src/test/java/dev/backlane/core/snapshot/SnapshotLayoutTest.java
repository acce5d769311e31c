package dev.backlane.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotLayoutTest {
    @Test
    void documentsAreTheJsonFilesAndOnlyThoseUnderAwsConfigsWhenThereAreAny() {
        assertEquals(List.of("aws_configs/us-east-1/Subnets.json", "aws_configs/us-east-1/Vpcs.JSON"),
                SnapshotLayout.documentNames(List.of("configs/router.cfg", "aws_configs/us-east-1/Vpcs.JSON", "hosts/h1.json",
                        "aws_configs/us-east-1/Subnets.json", "aws_configs/notes.txt")));
        assertEquals(List.of("Vpcs.json", "eu-west-1/Subnets.json"), SnapshotLayout.documentNames(List.of("eu-west-1/Subnets.json", "README", "Vpcs.json")));
    }

    @Test
    void accountAndRegionDirectoriesUnderAwsConfigs() {
        assertEquals(new SnapshotLayout.Location("123456789012", "eu-west-1"),
                SnapshotLayout.locate("aws_configs/123456789012/eu-west-1/whatever.json"));
        assertEquals(new SnapshotLayout.Location(null, "us-gov-west-1"), SnapshotLayout.locate("aws_configs/us-gov-west-1/a.json"));
        assertEquals(new SnapshotLayout.Location(null, "ap-northeast-3"), SnapshotLayout.locate("ap-northeast-3/a.json"));
    }

    @Test
    void flatLayoutsGiveNeither() {
        assertEquals(new SnapshotLayout.Location(null, null), SnapshotLayout.locate("Vpcs.json"));
        assertEquals(new SnapshotLayout.Location(null, null), SnapshotLayout.locate("aws_configs/Vpcs.json"));
        assertEquals(new SnapshotLayout.Location(null, null), SnapshotLayout.locate("exports/june/Vpcs.json"));
    }

    @Test
    void zoneNamesGiveTheirRegion() {
        assertEquals("us-east-1", SnapshotLayout.regionOfZone("us-east-1a"));
        assertEquals("us-west-2", SnapshotLayout.regionOfZone("us-west-2-lax-1a"));
        assertEquals(null, SnapshotLayout.regionOfZone("nowhere"));
    }

    @Test
    void timestampsInTheCliFormAndIso() {
        assertEquals(Optional.of(Instant.parse("2020-05-08T03:45:53Z")), SnapshotTimestamps.parse("2020-05-08 03:45:53+00:00"));
        assertEquals(Optional.of(Instant.parse("2020-05-08T01:45:53.250Z")), SnapshotTimestamps.parse("2020-05-08 03:45:53.250+02:00"));
        assertEquals(Optional.of(Instant.parse("2020-05-08T03:45:53Z")), SnapshotTimestamps.parse("2020-05-08T03:45:53.000Z"));
        assertEquals(Optional.empty(), SnapshotTimestamps.parse("yesterday"));
    }

    @Test
    void endpointSuffixIsReadFromTheRegionalName() {
        assertEquals("0h4w5u94", VpcEndpointImporter.suffix("vpce-083c683a6be29b889", java.util.List.of(new dev.backlane.core.model.DnsEntry(
                "*.vpce-083c683a6be29b889-0h4w5u94.s3.us-east-1.vpce.amazonaws.com", "Z7HUB22UULQXV"))));
        assertEquals("", VpcEndpointImporter.suffix("vpce-1", java.util.List.of()));
    }
}
