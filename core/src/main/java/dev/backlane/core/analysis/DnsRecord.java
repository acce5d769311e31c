package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.net.Ipv4Address;

/** An A record of an answer: the owner name (lower case, no trailing dot), its TTL in seconds and the address. */
public record DnsRecord(String name, int ttl, long address) {
    public DnsRecord {
        requireNonNull(name, "name is null");
    }

    /** The record's data as logs and dig show it: {@code 10.0.1.5}. */
    public String rdata() {
        return Ipv4Address.format(address);
    }
}
