package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.net.Ipv4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The binary Proxy Protocol v2 header a Network Load Balancer sends a target first when its target group has
 * {@code proxy_protocol_v2.enabled}: the 12-byte signature, version 2 with the PROXY command, TCP over IPv4, the
 * client's and the load balancer's address and port, and — for a connection through an interface endpoint
 * (PrivateLink) — AWS's TLV {@code PP2_TYPE_AWS} (0xEA) whose value is the subtype {@code PP2_SUBTYPE_AWS_VPCE_ID}
 * (0x01) followed by the endpoint's ID in US-ASCII, as the NLB guide documents. The layout is haproxy's
 * {@code proxy-protocol.txt}, section 2.2.
 */
public final class ProxyProtocolV2 {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Version 2 (high nibble), command PROXY (low nibble). */
    static final byte VERSION_2_PROXY = 0x21;
    /** AF_INET (high nibble), STREAM (low nibble): TCP over IPv4. */
    static final byte TCP_OVER_IPV4 = 0x11;
    static final byte PP2_TYPE_AWS = (byte) 0xEA;
    static final byte PP2_SUBTYPE_AWS_VPCE_ID = 0x01;
    private static final int IPV4_ADDRESSES_LENGTH = 12;

    private ProxyProtocolV2() {
    }

    /**
     * The header of a TCP connection from {@code source} to {@code destination} (dotted IPv4 addresses), with the
     * VPC endpoint's ID when the connection came through one.
     */
    public static byte[] header(String sourceAddress, int sourcePort, String destinationAddress, int destinationPort, Optional<String> vpcEndpointId) {
        long source = Ipv4Address.parse(requireNonNull(sourceAddress, "sourceAddress is null"))
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + sourceAddress));
        long destination = Ipv4Address.parse(requireNonNull(destinationAddress, "destinationAddress is null"))
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + destinationAddress));
        port(sourcePort, "sourcePort");
        port(destinationPort, "destinationPort");
        byte[] endpoint = requireNonNull(vpcEndpointId, "vpcEndpointId is null").map(id -> id.getBytes(StandardCharsets.US_ASCII)).orElse(new byte[0]);
        int tlvLength = vpcEndpointId.isPresent() ? 3 + 1 + endpoint.length : 0;
        ByteBuffer header = ByteBuffer.allocate(SIGNATURE.length + 4 + IPV4_ADDRESSES_LENGTH + tlvLength);
        header.put(SIGNATURE).put(VERSION_2_PROXY).put(TCP_OVER_IPV4).putShort((short) (IPV4_ADDRESSES_LENGTH + tlvLength));
        header.putInt((int) source).putInt((int) destination).putShort((short) sourcePort).putShort((short) destinationPort);
        if (vpcEndpointId.isPresent()) {
            header.put(PP2_TYPE_AWS).putShort((short) (1 + endpoint.length)).put(PP2_SUBTYPE_AWS_VPCE_ID).put(endpoint);
        }
        return header.array();
    }

    private static void port(int port, String name) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + port);
        }
    }
}
