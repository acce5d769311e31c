package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the Amazon-provided resolver at a VPC's {@code +2} address answers, for every name Backlane knows: an
 * AWS service name covered by an interface endpoint's private DNS (when it applies, as the path engine decides
 * it in {@link DnsView#privateDnsEndpoint}) gives all the endpoint's interface addresses; an endpoint's
 * regional or zonal {@code vpce.amazonaws.com} name, from any VPC, its interfaces (in the zone for a zonal
 * name); EC2's private hostnames ({@code ip-10-0-1-5.ec2.internal}) an address of an interface in the VPC;
 * EC2's public hostnames the private address inside the interface's VPC and the public one elsewhere; any other
 * AWS service name the public address the path engine uses; the reverse name of an address of an interface in
 * the VPC its EC2 private hostname. Every other name is outside the view: NXDOMAIN, unless the user
 * configured a forwarder for such names (the data plane's business, not this view's).
 *
 * <p>AWS documents no TTL for these records (its PrivateLink and VPC DNS guides are silent); Backlane gives
 * every record 60 seconds, Route 53's usual TTL, and says so in {@code docs/dns.md}.
 */
public final class VpcDnsView {
    /** The record types a question can ask for (RFC 1035, RFC 3596). */
    public static final int TYPE_A = 1;
    public static final int TYPE_PTR = 12;
    public static final int TYPE_ANY = 255;
    public static final int TTL_SECONDS = 60;

    private static final String REVERSE_ZONE = ".in-addr.arpa";
    private static final VpcDnsView STANDARD = new VpcDnsView(ServiceNames.standard(), ServiceAddresses.standard());

    /** A VPC and the index of the scope it is in. */
    public record VpcInScope(ScopeIndex index, Vpc vpc) {
        public VpcInScope {
            requireNonNull(index, "index is null");
            requireNonNull(vpc, "vpc is null");
        }
    }

    private final ServiceNames serviceNames;
    private final ServiceAddresses addresses;

    public VpcDnsView(ServiceNames serviceNames, ServiceAddresses addresses) {
        this.serviceNames = requireNonNull(serviceNames, "serviceNames is null");
        this.addresses = requireNonNull(addresses, "addresses is null");
    }

    public static VpcDnsView standard() {
        return STANDARD;
    }

    /** The VPC with the ID in any scope of the world. */
    public static Optional<VpcInScope> locate(WorldIndex world, String vpcId) {
        for (ScopeIndex index : world.scopes()) {
            Optional<Vpc> vpc = index.vpc(vpcId);
            if (vpc.isPresent()) {
                return Optional.of(new VpcInScope(index, vpc.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The answer to a question of the type about the name, asked in the VPC; empty when the VPC's resolver does
     * not answer at all, as AWS's does not while {@code enableDnsSupport} is false (the query times out).
     */
    public Optional<DnsAnswer> answer(WorldIndex world, VpcInScope in, String queryName, int type) {
        Vpc vpc = in.vpc();
        if (!vpc.enableDnsSupport()) {
            return Optional.empty();
        }
        String name = normalize(queryName);
        DnsAnswer found = name.endsWith(REVERSE_ZONE) ? reverse(in, name) : records(world, in, name);
        if (found.rcode() == DnsRcode.NOERROR && type != TYPE_ANY && found.records().stream().anyMatch(record -> record.type() != type)) {
            // The name exists, so another type gets NOERROR with no records (NODATA), not NXDOMAIN.
            return Optional.of(new DnsAnswer(DnsRcode.NOERROR, List.of(), found.answeredBy()));
        }
        return Optional.of(found);
    }

    /**
     * A reverse name ({@code 5.1.0.10.in-addr.arpa}) of an address in the VPC's CIDR blocks: the PTR record of
     * the EC2 private hostname of the interface that has it. AWS's resolver answers these through the
     * autodefined reverse rules it creates for the VPC's CIDR blocks while {@code enableDnsHostnames} is on
     * (Route 53 developer guide, "Forwarding rules for reverse DNS queries"); any other reverse name is
     * outside the view.
     */
    private static DnsAnswer reverse(VpcInScope in, String name) {
        Optional<Long> address = reverseAddress(name);
        Vpc vpc = in.vpc();
        if (address.isEmpty() || !vpc.enableDnsHostnames() || vpc.associatedCidrs().stream()
                .noneMatch(cidr -> Ipv4Cidr.parse(cidr).filter(block -> block.contains(address.get())).isPresent())) {
            return outside(in);
        }
        String dotted = Ipv4Address.format(address.get());
        for (NetworkInterface eni : in.index().interfacesIn(vpc.id())) {
            if (eni.privateIpAddresses().contains(dotted)) {
                String hostname = NetworkInterface.privateDnsName(dotted, in.index().scope().region());
                return new DnsAnswer(DnsRcode.NOERROR, List.of(DnsRecord.ptr(name, TTL_SECONDS, hostname)), "reverse name of " + eni.id());
            }
        }
        return DnsAnswer.nxdomain("no network interface of " + vpc.id() + " has " + dotted);
    }

    /** The address of {@code d.c.b.a.in-addr.arpa}; empty for a name with other than four decimal labels below the zone. */
    private static Optional<Long> reverseAddress(String name) {
        String[] octets = name.substring(0, name.length() - REVERSE_ZONE.length()).split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        return Ipv4Address.parse(octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0]);
    }

    private static DnsAnswer outside(VpcInScope in) {
        return new DnsAnswer(DnsRcode.NXDOMAIN, List.of(), "not a name of " + in.vpc().id() + "'s view", true);
    }

    private DnsAnswer records(WorldIndex world, VpcInScope in, String name) {
        ScopeIndex index = in.index();
        Optional<DnsView.PrivateName> privateName = DnsView.privateDnsEndpoint(index, in.vpc(), name, new ArrayList<>(), world.faults());
        if (privateName.isPresent()) {
            VpcEndpoint endpoint = privateName.get().endpoint();
            return answer(name, interfaceAddresses(index, endpoint, Optional.empty()), "private DNS name of " + endpoint.id());
        }
        for (ScopeIndex scope : world.scopes()) {
            Optional<ScopeIndex.EndpointName> endpointName = scope.endpointName(name);
            if (endpointName.isPresent()) {
                ScopeIndex.EndpointName found = endpointName.get();
                List<Long> all = interfaceAddresses(scope, found.endpoint(), found.zone());
                String kind = found.zone().map(zone -> "zonal name of " + found.endpoint().id() + " in " + zone)
                        .orElse("regional name of " + found.endpoint().id());
                return all.isEmpty() ? DnsAnswer.nxdomain(found.endpoint().id() + " has no network interface") : answer(name, all, kind);
            }
        }
        Optional<DnsAnswer> ec2 = ec2Hostname(world, in, name);
        if (ec2.isPresent()) {
            return ec2.get();
        }
        Optional<PublicService> service = serviceNames.serviceOfHostname(name);
        Optional<Long> address = service.flatMap(addresses::address);
        if (address.isPresent()) {
            return answer(name, List.of(address.get()), "public name of " + service.get().describe());
        }
        return outside(in);
    }

    /**
     * EC2's names of an address: the private {@code ip-a-b-c-d} name of an interface in the VPC, and the public
     * {@code ec2-a-b-c-d} name of any interface in the region whose VPC has DNS hostnames on (EC2 gives it no
     * public name otherwise), which is its private address inside that VPC and its public one outside.
     */
    private static Optional<DnsAnswer> ec2Hostname(WorldIndex world, VpcInScope in, String name) {
        String region = in.index().scope().region();
        Optional<String> privateIp = addressLabel(name, "ip-");
        if (privateIp.isPresent() && NetworkInterface.privateDnsName(privateIp.get(), region).equals(name)) {
            for (NetworkInterface eni : in.index().interfacesIn(in.vpc().id())) {
                if (eni.privateIpAddresses().contains(privateIp.get())) {
                    return Optional.of(answer(name, List.of(Ipv4Address.parse(privateIp.get()).orElseThrow()), "private hostname of " + eni.id()));
                }
            }
            return Optional.of(DnsAnswer.nxdomain("no network interface of " + in.vpc().id() + " has " + privateIp.get()));
        }
        Optional<String> publicIp = addressLabel(name, "ec2-");
        if (publicIp.isEmpty() || !NetworkInterface.publicDnsName(publicIp.get(), region).equals(name)) {
            return Optional.empty();
        }
        for (ScopeIndex scope : world.scopes()) {
            if (!scope.scope().region().equals(region)) {
                continue;
            }
            for (Vpc vpc : scope.vpcs()) {
                if (!vpc.enableDnsHostnames()) {
                    continue;
                }
                for (NetworkInterface eni : scope.interfacesIn(vpc.id())) {
                    if (scope.publicIp(eni.id()).filter(publicIp.get()::equals).isPresent()) {
                        boolean inside = vpc.id().equals(in.vpc().id());
                        String address = inside ? eni.privateIpAddress() : publicIp.get();
                        return Optional.of(answer(name, List.of(Ipv4Address.parse(address).orElseThrow()),
                                "public hostname of " + eni.id() + (inside ? ", its private address inside " + vpc.id() : "")));
                    }
                }
            }
        }
        return Optional.of(DnsAnswer.nxdomain("no network interface in " + region + " with DNS hostnames has " + publicIp.get()));
    }

    /** {@code 10.0.1.5} of {@code ip-10-0-1-5.ec2.internal} for the prefix {@code ip-}. */
    private static Optional<String> addressLabel(String name, String prefix) {
        int dot = name.indexOf('.');
        if (!name.startsWith(prefix) || dot < 0) {
            return Optional.empty();
        }
        String address = name.substring(prefix.length(), dot).replace('-', '.');
        return Ipv4Address.parse(address).map(Ipv4Address::format);
    }

    /** The addresses of the endpoint's interfaces, in the zone when one is given. */
    private static List<Long> interfaceAddresses(ScopeIndex index, VpcEndpoint endpoint, Optional<String> zone) {
        List<Long> all = new ArrayList<>();
        for (String eniId : endpoint.networkInterfaceIds()) {
            index.networkInterface(eniId).filter(eni -> zone.map(eni.availabilityZone()::equals).orElse(true))
                    .flatMap(eni -> Ipv4Address.parse(eni.privateIpAddress())).ifPresent(all::add);
        }
        return all;
    }

    private static DnsAnswer answer(String name, List<Long> addresses, String answeredBy) {
        return new DnsAnswer(DnsRcode.NOERROR, addresses.stream().map(address -> DnsRecord.a(name, TTL_SECONDS, address)).toList(), answeredBy);
    }

    private static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
