package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkInterfaceCommandsTest {
    private final CoreTestCloud test = new CoreTestCloud();
    private final Vpc vpc = test.write(transaction -> test.vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null)));
    private final Subnet subnet = test.write(transaction ->
            test.subnets.create(transaction, new SubnetCommands.CreateSubnet(vpc.id(), "10.0.0.16/28", null, "eu-west-1c", null)));

    private NetworkInterface create(NetworkInterfaceCommands.CreateNetworkInterface request) {
        return test.write(transaction -> test.interfaces.create(transaction, request));
    }

    private NetworkInterfaceCommands.CreateNetworkInterface user(String primary, List<String> secondaries) {
        return new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(), null, primary, secondaries, 0, List.of(), 0, List.of(), null, null);
    }

    @Test
    void serviceInterfaceIsRequesterManagedInsideTheSubnetWithoutGroups() {
        NetworkInterface eni = create(NetworkInterfaceCommands.CreateNetworkInterface.forService(subnet.id(), "vpc_endpoint",
                "VPC Endpoint Interface vpce-1", "727180483921", List.of()));
        assertTrue(eni.requesterManaged());
        assertEquals("727180483921", eni.requesterId());
        assertEquals("vpc_endpoint", eni.interfaceType());
        assertEquals(List.of(), eni.groupIds());
        assertEquals("10.0.0.20", eni.privateIpAddress(), "10.0.0.16 to .19 are reserved");
        assertEquals("euw1-az2", eni.availabilityZoneId(), "the zone ID of eu-west-1c in regions.json");
        assertEquals("ip-10-0-0-20.eu-west-1.compute.internal", eni.privateDnsName("eu-west-1"));

        AwsException refused = assertThrows(AwsException.class, () -> test.write(transaction -> {
            test.interfaces.delete(transaction, eni.id());
            return null;
        }));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused.code());
        test.write(transaction -> {
            test.interfaces.deleteForService(transaction, eni.id());
            return null;
        });
        assertFalse(test.state().find(ResourceTypes.NETWORK_INTERFACE, eni.id()).isPresent());
    }

    @Test
    void addressesFillTheSubnetWithoutReservedOnesThenRunOut() {
        Ipv4Cidr cidr = Ipv4Cidr.parse(subnet.cidrBlock()).orElseThrow();
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            String address = create(user(null, List.of())).privateIpAddress();
            long value = Ipv4Address.parse(address).orElseThrow();
            assertTrue(cidr.contains(value) && !SubnetAddresses.isReserved(cidr, value), address);
            assertTrue(given.add(address), "handed out twice: " + address);
        }
        assertEquals(0, SubnetAddresses.availableCount(test.state(), subnet));
        assertEquals(ErrorCode.INVALID_IP_ADDRESS_NOT_AVAILABLE, assertThrows(AwsException.class, () -> create(user(null, List.of()))).code());
    }

    @Test
    void namedSecondaryIsNotTakenByTheAllocatedPrimary() {
        NetworkInterface eni = create(user(null, List.of("10.0.0.20")));
        assertEquals("10.0.0.21", eni.privateIpAddress());
        assertEquals(List.of("10.0.0.20"), eni.secondaryPrivateIpAddresses());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class, () -> create(user("10.0.0.22", List.of("10.0.0.22")))).code());
    }

    @Test
    void userInterfaceGetsTheDefaultGroupAndAMac() {
        NetworkInterface eni = create(user(null, List.of()));
        String defaultGroup = test.state().all(ResourceTypes.SECURITY_GROUP).stream()
                .filter(group -> group.vpcId().equals(vpc.id()) && group.isDefault()).findFirst().orElseThrow().id();
        assertEquals(List.of(defaultGroup), eni.groupIds());
        assertTrue(eni.macAddress().matches("02(:[0-9a-f]{2}){5}"), eni.macAddress());
        assertFalse(eni.requesterManaged());
        assertEquals("interface", eni.interfaceType());
        assertEquals("available", eni.status());
    }

    @Test
    void subnetWithAnInterfaceCannotBeDeleted() {
        create(user(null, List.of()));
        AwsException refused = assertThrows(AwsException.class, () -> test.write(transaction -> {
            test.subnets.delete(transaction, subnet.id());
            return null;
        }));
        assertEquals(ErrorCode.DEPENDENCY_VIOLATION, refused.code());
        assertTrue(test.state().find(ResourceTypes.SUBNET, subnet.id()).isPresent());
    }
}
