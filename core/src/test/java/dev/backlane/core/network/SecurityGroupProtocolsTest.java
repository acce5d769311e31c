package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.SecurityGroupRule;
import org.junit.jupiter.api.Test;

class SecurityGroupProtocolsTest {
    @Test
    void namedProtocolsAreKeptByNameWhateverTheirCaseOrNumber() {
        assertEquals("tcp", SecurityGroupProtocols.normalize("TCP"));
        assertEquals("tcp", SecurityGroupProtocols.normalize("6"));
        assertEquals("udp", SecurityGroupProtocols.normalize("17"));
        assertEquals("icmp", SecurityGroupProtocols.normalize("1"));
        assertEquals("icmpv6", SecurityGroupProtocols.normalize("58"));
        assertEquals("-1", SecurityGroupProtocols.normalize("all"));
        assertEquals("50", SecurityGroupProtocols.normalize("050"));
    }

    @Test
    void unknownProtocolsAreRefused() {
        for (String protocol : new String[] {"gre", "256", "-2", "1000"}) {
            AwsException error = assertThrows(AwsException.class, () -> SecurityGroupProtocols.normalize(protocol));
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, error.code());
            assertEquals("Invalid value '" + protocol + "' for IP protocol. Unknown protocol.", error.getMessage());
        }
    }

    @Test
    void tcpNeedsOrderedPortsInRange() {
        assertEquals(new SecurityGroupProtocols.ProtocolAndPorts("tcp", 80, 443), SecurityGroupProtocols.check("tcp", 80, 443));
        assertThrows(AwsException.class, () -> SecurityGroupProtocols.check("tcp", null, 443));
        assertThrows(AwsException.class, () -> SecurityGroupProtocols.check("udp", 443, 80));
        assertThrows(AwsException.class, () -> SecurityGroupProtocols.check("udp", -1, 80));
        assertThrows(AwsException.class, () -> SecurityGroupProtocols.check("udp", 1, 65536));
    }

    @Test
    void icmpDefaultsToAnyTypeAndOtherProtocolsHaveNoPorts() {
        assertEquals(new SecurityGroupProtocols.ProtocolAndPorts("icmp", -1, -1), SecurityGroupProtocols.check("icmp", null, null));
        assertEquals(new SecurityGroupProtocols.ProtocolAndPorts("icmp", 8, 0), SecurityGroupProtocols.check("icmp", 8, 0));
        assertThrows(AwsException.class, () -> SecurityGroupProtocols.check("icmp", 256, 0));
        assertEquals(new SecurityGroupProtocols.ProtocolAndPorts("-1", -1, -1), SecurityGroupProtocols.check("-1", 0, 65535));
        assertEquals(new SecurityGroupProtocols.ProtocolAndPorts("47", -1, -1), SecurityGroupProtocols.check("47", 1, 2));
    }

    @Test
    void duplicateMessagesQuoteTheRuleAsEc2Does() {
        assertEquals("peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW", SecurityGroupCommands.describe(
                new SecurityGroupRule("sgr-1", false, "tcp", 22, 22, "0.0.0.0/0", null, null, null, null, null)));
        assertEquals("peer: sg-12345678, ALL, ALLOW", SecurityGroupCommands.describe(
                new SecurityGroupRule("sgr-1", false, "-1", -1, -1, null, null, null, "sg-12345678", "1", null)));
        assertEquals("peer: ::/0, protocol: 50, ALLOW", SecurityGroupCommands.describe(
                new SecurityGroupRule("sgr-1", true, "50", -1, -1, null, "::/0", null, null, null, null)));
    }
}
