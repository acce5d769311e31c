package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkAclEntry;
import org.junit.jupiter.api.Test;

class NetworkAclEntryRulesTest {
    private static NetworkAclCommands.EntryRequest request(int number, String protocol, String cidr, Integer from, Integer to) {
        return new NetworkAclCommands.EntryRequest(number, false, protocol, "allow", cidr, null, null, null, from, to);
    }

    @Test
    void tcpEntryKeepsItsPortsAndHostBitsAreCleared() {
        NetworkAclEntry entry = NetworkAclEntryRules.entry(request(100, "6", "10.1.2.3/16", 22, 22));
        assertEquals("10.1.0.0/16", entry.cidrBlock());
        assertEquals(22, entry.fromPort());
        assertEquals("6", entry.protocol());
    }

    @Test
    void allProtocolEntryIgnoresPorts() {
        NetworkAclEntry entry = NetworkAclEntryRules.entry(request(100, "-1", "0.0.0.0/0", 1, 2));
        assertNull(entry.fromPort());
        assertNull(entry.icmpType());
    }

    @Test
    void protocolNamesAndOutOfRangeNumbersAreRefused() {
        for (String protocol : new String[] {"tcp", "256", "", "-2"}) {
            AwsException error = assertThrows(AwsException.class, () -> NetworkAclEntryRules.entry(request(100, protocol, "0.0.0.0/0", null, null)));
            assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, error.code());
        }
    }

    @Test
    void ruleNumbersAreOneTo32766() {
        assertThrows(AwsException.class, () -> NetworkAclEntryRules.entry(request(0, "-1", "0.0.0.0/0", null, null)));
        assertThrows(AwsException.class, () -> NetworkAclEntryRules.entry(request(32767, "-1", "0.0.0.0/0", null, null)));
        assertEquals(32766, NetworkAclEntryRules.entry(request(32766, "-1", "0.0.0.0/0", null, null)).ruleNumber());
    }

    @Test
    void udpWithoutPortsAndIcmpWithoutTypeAreMissingParameters() {
        assertEquals(ErrorCode.MISSING_PARAMETER,
                assertThrows(AwsException.class, () -> NetworkAclEntryRules.entry(request(1, "17", "0.0.0.0/0", null, null))).code());
        assertEquals(ErrorCode.MISSING_PARAMETER,
                assertThrows(AwsException.class, () -> NetworkAclEntryRules.entry(request(1, "1", "0.0.0.0/0", null, null))).code());
    }
}
