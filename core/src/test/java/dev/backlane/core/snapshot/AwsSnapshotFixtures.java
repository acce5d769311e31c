package dev.backlane.core.snapshot;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The account snapshots under test resources (from Batfish's tests; see NOTICE). */
final class AwsSnapshotFixtures {
    static final List<String> ALL = List.of("nat-gateway", "public-private-subnet", "vpc-endpoint-gateway", "vpc-endpoint-interface", "vpc-peering");
    static final String ACCOUNT = "554773406868";

    private AwsSnapshotFixtures() {}

    static Path path(String name) {
        try {
            return Path.of(AwsSnapshotFixtures.class.getResource("aws-snapshots/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
