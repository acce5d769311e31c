package dev.backlane.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.World;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointServiceLookupTest {
    private static final Scope CALLER = new Scope("111111111111", "us-east-1");

    @Test
    void findsAwsServicesOfTheCallersRegionOnly() {
        EndpointServiceLookup lookup = EndpointServiceLookup.awsServices();
        assertTrue(lookup.find(World.empty(), CALLER, "com.amazonaws.us-east-1.ec2", "us-east-1").isPresent());
        assertFalse(lookup.find(World.empty(), CALLER, "com.amazonaws.us-west-2.ec2", "us-west-2").isPresent());
        AwsException error = assertThrows(AwsException.class,
                () -> lookup.require(World.empty(), CALLER, "com.amazonaws.us-east-1.nothing", "us-east-1"));
        assertEquals(ErrorCode.INVALID_SERVICE_NAME, error.code());
    }

    @Test
    void furtherSourcesPlugIn() {
        AwsService provider = new AwsService("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0", "vpce-svc-0123456789abcdef0",
                "us-east-1", "vpce-svc-0123456789abcdef0", List.of("Interface"), List.of("us-east-1a"), List.of("use1-az6"), true, null,
                List.of("vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"), true, false, List.of("ipv4"), "ServiceOwner",
                "222222222222");
        EndpointServiceLookup lookup = EndpointServiceLookup.awsServices()
                .with((world, caller, region) -> caller.account().equals("111111111111") ? List.of(provider) : List.of());
        assertEquals(provider, lookup.require(World.empty(), CALLER, provider.serviceName(), "us-east-1"));
        assertFalse(lookup.find(World.empty(), new Scope("333333333333", "us-east-1"), provider.serviceName(), "us-east-1").isPresent());
    }

    @Test
    void policiesNamingUnknownActionsAreStoredAsAwsStoresThem() {
        EndpointService s3 = EndpointServiceLookup.awsServices().require(World.empty(), CALLER, "com.amazonaws.us-east-1.s3", "us-east-1");
        String unknownAction = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObjects\",\"Resource\":\"*\"}]}";
        assertEquals(unknownAction, VpcEndpointPolicies.check(unknownAction, s3));
        AwsException malformed = assertThrows(AwsException.class, () -> VpcEndpointPolicies.check(unknownAction.replace("s3:GetObjects", "s3GetObject"), s3));
        assertEquals(ErrorCode.INVALID_POLICY_DOCUMENT, malformed.code());
    }

    @Test
    void fullAccessPoliciesAreRecognised() {
        assertTrue(VpcEndpointPolicies.isFullAccess(VpcEndpointPolicies.DEFAULT));
        assertTrue(VpcEndpointPolicies.isFullAccess(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"*\"],\"Resource\":\"*\"}}"));
        assertFalse(VpcEndpointPolicies.isFullAccess(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        assertFalse(VpcEndpointPolicies.isFullAccess(
                "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{}}]}"));
        assertFalse(VpcEndpointPolicies.isFullAccess("not json"));
    }
}
