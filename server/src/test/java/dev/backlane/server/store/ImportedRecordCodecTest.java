package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.Instance;
import dev.backlane.core.model.InstanceAttributes;
import dev.backlane.core.model.InstanceLaunch;
import dev.backlane.core.model.PeeringVpcInfo;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.VpcPeeringConnection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records snapshots bring (instances, peering connections, routes with AWS's recorded state) survive the store. */
class ImportedRecordCodecTest {
    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void instancePeeringAndRecordedRouteStateRoundTrip() {
        Instance instance = new Instance("i-0123456789abcdef0", "t3.micro", "running", "subnet-1", "vpc-1", "us-east-1a", "10.0.0.5",
                "3.3.3.3", List.of("eni-1"), List.of("sg-1"), "arn:aws:iam::123456789012:instance-profile/web", true,
                Instant.parse("2020-05-08T03:45:53Z"), new InstanceLaunch("ami-0abcdef1234567890", "r-0123456789abcdef0", 0, "key", true, "token-1"),
                new InstanceAttributes("IyEvYmluL3No", true, false, "terminate", "unlimited"), Instant.parse("2020-05-08T03:45:54Z"),
                Instant.parse("2020-05-08T03:45:55Z"), Instant.parse("2020-05-08T04:45:55Z"));
        assertEquals(instance, codec.decode(ResourceTypes.INSTANCE, codec.encode(instance)));
        VpcPeeringConnection peering = new VpcPeeringConnection("pcx-1",
                new PeeringVpcInfo("vpc-1", "123456789012", "us-east-1", List.of("10.0.0.0/16"), List.of(), false),
                new PeeringVpcInfo("vpc-2", "210987654321", "eu-west-1", List.of("10.1.0.0/16"), List.of(), true), "active", "Active");
        assertEquals(peering, codec.decode(ResourceTypes.VPC_PEERING_CONNECTION, codec.encode(peering)));
        RouteTable table = new RouteTable("rtb-1", "vpc-1", List.of(Route.local("10.0.0.0/16", false),
                new Route("0.0.0.0/0", null, null, null, "nat-1", null, null, null, null, null, null, null, null, "CreateRoute", "blackhole")),
                List.of(), List.of());
        assertEquals(table, codec.decode(ResourceTypes.ROUTE_TABLE, codec.encode(table)));
    }
}
