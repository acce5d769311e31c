package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.Address;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.ResourceTypes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceCodecTest {
    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void natGatewayWithTimesSurvivesTheStore() {
        NatGateway gateway = new NatGateway("nat-00000000000000001", "subnet-00000000000000001", "vpc-00000000000000001", "us-east-1a",
                "public", List.of(new NatGatewayAddress("eni-00000000000000001", "10.0.0.4", "eipalloc-00000000000000001", "3.4.5.6",
                        "eipassoc-00000000000000001", true)),
                Instant.parse("2026-01-02T03:04:05.123Z"), Instant.parse("2026-01-02T04:00:00Z"));
        assertEquals(gateway, codec.decode(ResourceTypes.NAT_GATEWAY, codec.encode(gateway)));
    }

    @Test
    void addressSurvivesTheStore() {
        Address address = Address.allocated("eipalloc-00000000000000001", "3.4.5.6", "us-east-1")
                .associatedWith("eipassoc-00000000000000001", "eni-00000000000000001", "10.0.0.4");
        assertEquals(address, codec.decode(ResourceTypes.ELASTIC_IP, codec.encode(address)));
    }
}
