package dev.backlane.server.api.endpointservice;

import static dev.backlane.server.api.endpointservice.ProviderFixture.CONSUMER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.server.TestApi;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePermissionOperationsTest {
    private final ProviderFixture fixture = new ProviderFixture();
    private final TestApi api = fixture.api;

    @Test
    void principalsAreTypedAndGetPermissionIds() {
        String id = fixture.serviceId(fixture.activeNetworkLoadBalancer("perm", 0));
        String account = "arn:aws:iam::" + CONSUMER + ":root";
        String role = "arn:aws:iam::333333333333:role/deployer";
        String user = "arn:aws:iam::444444444444:user/ops/alice";
        TestApi.Response modified = api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", account,
                "AddAllowedPrincipals.2", role, "AddAllowedPrincipals.3", user, "AddAllowedPrincipals.4", "*").assertOk();
        assertEquals("true", modified.text("//return"));
        assertEquals(List.of("Account", "Role", "User", "All"), modified.texts("//addedPrincipalSet/item/principalType"));
        List<String> permissionIds = modified.texts("//addedPrincipalSet/item/servicePermissionId");
        assertTrue(permissionIds.stream().allMatch(permission -> permission.matches("vpce-svc-perm-[0-9a-f]{17}")), permissionIds.toString());

        TestApi.Response described = api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id).assertOk();
        assertEquals(4, described.texts("//allowedPrincipals/item").size());
        assertEquals(List.of(role), api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id, "Filter.1.Name", "principal-type",
                "Filter.1.Value.1", "Role").assertOk().texts("//allowedPrincipals/item/principal"));
        assertEquals(List.of(user), api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id, "Filter.1.Name", "principal",
                "Filter.1.Value.1", "*alice").assertOk().texts("//allowedPrincipals/item/principal"));

        TestApi.Response first = api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id, "MaxResults", "3").assertOk();
        assertEquals(3, first.texts("//allowedPrincipals/item").size());
        TestApi.Response second = api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id, "MaxResults", "3", "NextToken",
                first.text("//nextToken")).assertOk();
        assertEquals(1, second.texts("//allowedPrincipals/item").size());
    }

    @Test
    void addingTwiceAddsOnceAndRemovingTakesThePrincipalAway() {
        String id = fixture.serviceId(fixture.activeNetworkLoadBalancer("twice", 0));
        String account = "arn:aws:iam::" + CONSUMER + ":root";
        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", account).assertOk();
        assertEquals(List.of(), api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", account)
                .assertOk().texts("//addedPrincipalSet/item"));
        assertEquals(1, api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id).texts("//allowedPrincipals/item").size());

        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "RemoveAllowedPrincipals.1", account).assertOk();
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id).texts("//allowedPrincipals/item"));
    }

    @Test
    void badPrincipalsAndForeignServicesAreRefused() {
        String id = fixture.serviceId(fixture.activeNetworkLoadBalancer("bad", 0));
        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", "123456789012").assertError("InvalidParameter");
        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", "arn:aws:iam::12:root")
                .assertError("InvalidParameter");
        assertEquals(List.of(), api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id).texts("//allowedPrincipals/item"));

        fixture.asConsumer();
        api.ec2("ModifyVpcEndpointServicePermissions", "ServiceId", id, "AddAllowedPrincipals.1", "*")
                .assertError("InvalidVpcEndpointServiceId.NotFound");
        api.ec2("DescribeVpcEndpointServicePermissions", "ServiceId", id).assertError("InvalidVpcEndpointServiceId.NotFound");
    }
}
