package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.net.Ipv4Address;

/**
 * A record of an answer: the owner name (lower case, no trailing dot), its type (A or PTR), its TTL in seconds
 * and its data, an address for an A record or a host name (lower case, no trailing dot) for a PTR record.
 */
public record DnsRecord(String name, int type, int ttl, long address, String target) {
    public DnsRecord {
        requireNonNull(name, "name is null");
        requireNonNull(target, "target is null");
        if (type != VpcDnsView.TYPE_A && type != VpcDnsView.TYPE_PTR) {
            throw new IllegalArgumentException("type must be A or PTR: " + type);
        }
    }

    /** An A record of the address. */
    public static DnsRecord a(String name, int ttl, long address) {
        return new DnsRecord(name, VpcDnsView.TYPE_A, ttl, address, "");
    }

    /** A PTR record naming the host. */
    public static DnsRecord ptr(String name, int ttl, String target) {
        return new DnsRecord(name, VpcDnsView.TYPE_PTR, ttl, 0, target);
    }

    /** The record's data as logs and dig show it: {@code 10.0.1.5}, {@code ip-10-0-1-5.ec2.internal.}. */
    public String rdata() {
        return type == VpcDnsView.TYPE_A ? Ipv4Address.format(address) : target + ".";
    }

    /** The type's mnemonic: {@code A}, {@code PTR}. */
    public String typeName() {
        return DnsRecordTypes.name(type);
    }
}
