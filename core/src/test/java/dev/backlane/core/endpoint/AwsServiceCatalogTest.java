package dev.backlane.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsServiceCatalogTest {
    private final AwsServiceCatalog catalog = AwsServiceCatalog.standard();

    @Test
    void s3OffersGatewayAndInterfaceWithAWildcardPrivateDnsName() {
        AwsService s3 = catalog.service("com.amazonaws.us-east-1.s3").orElseThrow();
        assertEquals(List.of("Gateway", "Interface"), s3.types());
        assertEquals("*.s3.us-east-1.amazonaws.com", s3.privateDnsName());
        assertEquals("s3.us-east-1.vpce.amazonaws.com", s3.baseEndpointDnsName());
    }

    @Test
    void servicesAreExpandedForEveryRegionWithStableIds() {
        AwsService ec2West = catalog.service("com.amazonaws.eu-west-1.ec2").orElseThrow();
        assertEquals("eu-west-1", ec2West.region());
        assertTrue(ec2West.serviceId().matches("vpce-svc-[0-9a-f]{17}"));
        assertEquals(ec2West.serviceId(), AwsServiceCatalog.standard().service("com.amazonaws.eu-west-1.ec2").orElseThrow().serviceId());
        assertFalse(ec2West.serviceId().equals(catalog.service("com.amazonaws.us-east-1.ec2").orElseThrow().serviceId()));
        assertTrue(catalog.services("us-east-1").size() >= 40);
    }

    @Test
    void notEveryServiceIsInEveryZone() {
        AwsService ssm = catalog.service("com.amazonaws.us-east-1.ssm").orElseThrow();
        assertFalse(ssm.availabilityZoneIds().contains("use1-az3"), "use1-az3 is excluded in the data");
        assertTrue(ssm.availabilityZoneIds().contains("use1-az1"));
    }

    @Test
    void regionsHaveTheirVpceHostedZones() {
        assertEquals("Z7HUB22UULQXV", catalog.hostedZoneId("us-east-1"));
        assertTrue(catalog.service("com.amazonaws.us-east-1.nosuch").isEmpty());
    }
}
