package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.AvailabilityZoneState;

/** DescribeRegions, DescribeAvailabilityZones and DescribeAccountAttributes through the SDK. */
class RegionSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void regionsAreListedAndFiltered() {
        Ec2Client ec2 = backlane.ec2();
        List<String> names = ec2.describeRegions().regions().stream().map(r -> r.regionName()).toList();
        assertTrue(names.containsAll(List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2")), names.toString());
        assertEquals("ec2.us-east-1.amazonaws.com",
                ec2.describeRegions(r -> r.regionNames("us-east-1")).regions().get(0).endpoint());
        List<String> europe = ec2.describeRegions(r -> r.filters(filter("region-name", "eu-*"))).regions().stream()
                .map(r -> r.regionName()).toList();
        assertFalse(europe.isEmpty());
        assertTrue(europe.stream().allMatch(name -> name.startsWith("eu-")), europe.toString());
        assertAwsError("InvalidParameterValue", () -> ec2.describeRegions(r -> r.regionNames("mars-north-1")));
        assertAwsError("InvalidParameterValue", () -> ec2.describeRegions(r -> r.filters(filter("colour", "red"))));
    }

    @Test
    void zonesBelongToTheCallersRegion() {
        List<AvailabilityZone> virginia = backlane.ec2().describeAvailabilityZones().availabilityZones();
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"),
                virginia.stream().map(AvailabilityZone::zoneName).toList());
        assertTrue(virginia.stream().allMatch(zone -> zone.state() == AvailabilityZoneState.AVAILABLE && zone.regionName().equals("us-east-1")));
        assertTrue(virginia.stream().allMatch(zone -> zone.zoneId().startsWith("use1-az")), virginia.toString());

        Ec2Client ireland = backlane.ec2("test", Region.EU_WEST_1);
        assertEquals(List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
                ireland.describeAvailabilityZones().availabilityZones().stream().map(AvailabilityZone::zoneName).toList());

        String zoneId = virginia.get(1).zoneId();
        assertEquals(List.of("us-east-1b"), backlane.ec2().describeAvailabilityZones(r -> r.filters(filter("zone-id", zoneId)))
                .availabilityZones().stream().map(AvailabilityZone::zoneName).toList());
        assertEquals(2, backlane.ec2().describeAvailabilityZones(r -> r.zoneNames("us-east-1a", "us-east-1c")).availabilityZones().size());
        assertAwsError("InvalidParameterValue", () -> backlane.ec2().describeAvailabilityZones(r -> r.zoneNames("us-east-1z")));
    }

    @Test
    void accountAttributesNameTheDefaultVpc() {
        BacklaneExtension.Account account = backlane.newAccount();
        String defaultVpc = account.ec2().describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        List<AccountAttribute> attributes = account.ec2().describeAccountAttributes(r -> r.attributeNamesWithStrings("default-vpc")).accountAttributes();
        assertEquals(1, attributes.size());
        assertEquals(defaultVpc, attributes.get(0).attributeValues().get(0).attributeValue());
        assertEquals("VPC", account.ec2().describeAccountAttributes(r -> r.attributeNamesWithStrings("supported-platforms"))
                .accountAttributes().get(0).attributeValues().get(0).attributeValue());
    }
}
