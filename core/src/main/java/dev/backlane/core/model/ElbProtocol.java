package dev.backlane.core.model;

/**
 * The protocols of ELBv2 listeners, target groups and health checks ({@code ProtocolEnum} of the ELBv2
 * model). The wire name is the constant's name. Which protocols a load balancer type carries, and which
 * target groups a listener can forward to, is decided by the commands; this type only says what exists.
 */
public enum ElbProtocol implements WireName {
    HTTP,
    HTTPS,
    TCP,
    TLS,
    UDP,
    TCP_UDP,
    GENEVE,
    QUIC,
    TCP_QUIC;

    @Override
    public String wireName() {
        return name();
    }

    /** Whether the load balancer terminates TLS for this protocol, which asks for a certificate and a security policy. */
    public boolean terminatesTls() {
        return switch (this) {
            case HTTPS, TLS -> true;
            case HTTP, TCP, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC -> false;
        };
    }
}
