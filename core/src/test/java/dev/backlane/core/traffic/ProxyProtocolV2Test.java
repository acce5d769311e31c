package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyProtocolV2Test {
    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void headerOfAnIpv4TcpConnectionIsTheSpecsBytes() {
        byte[] header = ProxyProtocolV2.header("10.0.1.25", 49152, "10.1.2.3", 8080, Optional.empty());
        assertArrayEquals(hex("0d0a0d0a000d0a515549540a" + "21" + "11" + "000c" + "0a000119" + "0a010203" + "c000" + "1f90"), header);
    }

    @Test
    void privateLinkHeaderCarriesTheEndpointIdInAwsTlv() {
        byte[] header = ProxyProtocolV2.header("192.168.0.7", 443, "172.31.5.9", 443, Optional.of("vpce-0123456789abcdef0"));
        // TLV: type 0xEA, length 23 (subtype + 22 ASCII bytes), subtype 0x01, "vpce-0123456789abcdef0".
        String tlv = "ea" + "0017" + "01" + HexFormat.of().formatHex("vpce-0123456789abcdef0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertArrayEquals(hex("0d0a0d0a000d0a515549540a" + "21" + "11" + "0026" + "c0a80007" + "ac1f0509" + "01bb" + "01bb" + tlv), header);
    }

    @Test
    void addressesMustBeIpv4() {
        assertThrows(IllegalArgumentException.class, () -> ProxyProtocolV2.header("vpce.example", 1, "10.0.0.1", 2, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> ProxyProtocolV2.header("10.0.0.1", 70000, "10.0.0.1", 2, Optional.empty()));
    }
}
