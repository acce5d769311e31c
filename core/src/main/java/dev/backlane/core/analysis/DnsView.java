package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.net.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Name resolution as the Amazon-provided resolver of the source's VPC answers it: endpoint-specific names
 * (regional and zonal, S3's with any bucket label) resolve to the endpoint's interfaces; a name AWS serves
 * resolves to an interface endpoint whose service's private DNS name covers it, when the endpoint has
 * private DNS on and the VPC has both DNS attributes on; otherwise to the public address of the service the
 * name belongs to. Names AWS does not serve do not resolve.
 */
final class DnsView {
    private static final String SERVICE_NAME_PREFIX = "com.amazonaws.";

    private final ServiceNames serviceNames;
    private final ServiceAddresses addresses;

    DnsView(ServiceNames serviceNames, ServiceAddresses addresses) {
        this.serviceNames = requireNonNull(serviceNames, "serviceNames is null");
        this.addresses = requireNonNull(addresses, "addresses is null");
    }

    Resolution resolve(Source source, String destination, FaultSet faults) {
        String name = destination.trim().toLowerCase(Locale.ROOT);
        Optional<Long> literal = Ipv4Address.parse(name);
        if (literal.isPresent()) {
            return new Resolution(literal, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "");
        }
        ScopeIndex index = source.index();
        if (!name.contains(".")) {
            return resolveResourceId(source, name);
        }
        if (name.startsWith(SERVICE_NAME_PREFIX)) {
            Optional<AwsService> service = serviceNames.serviceOfName(name);
            if (service.isPresent()) {
                Optional<String> hostname = serviceNames.hostnameOf(service.get());
                Optional<PublicService> publicService = serviceNames.publicServiceOf(service.get());
                if (hostname.isEmpty() || publicService.isEmpty()) {
                    return Resolution.unresolved(name, name + " has no public name", List.of());
                }
                return resolveServiceHostname(source, hostname.get(), publicService.get(), faults);
            }
            for (VpcEndpoint endpoint : index.endpointsOf(source.vpc().id())) {
                if (EndpointView.isInterface(endpoint) && endpoint.serviceName().equalsIgnoreCase(name)) {
                    return toEndpoint(source, name, endpoint, Optional.empty(), Optional.empty(), "the endpoint of the service in the VPC", List.of());
                }
            }
            return Resolution.unresolved(name, "no interface endpoint of " + name + " in " + source.vpc().id(), List.of());
        }
        Optional<ScopeIndex.EndpointName> endpointName = index.endpointName(name);
        if (endpointName.isPresent()) {
            ScopeIndex.EndpointName found = endpointName.get();
            String kind = found.zone().map(zone -> "zonal name of " + found.endpoint().id() + " in " + zone)
                    .orElse("regional name of " + found.endpoint().id());
            return toEndpoint(source, name, found.endpoint(), found.zone(), index.services().service(found.endpoint().serviceName()), kind,
                    List.of());
        }
        Optional<PublicService> service = serviceNames.serviceOfHostname(name);
        if (service.isPresent()) {
            return resolveServiceHostname(source, name, service.get(), faults);
        }
        return Resolution.unresolved(name, "not a name AWS serves nor an endpoint name Backlane knows; give an address instead", List.of());
    }

    /** A destination given as a resource: an interface or instance (its primary address) or an endpoint. */
    private Resolution resolveResourceId(Source source, String id) {
        ScopeIndex index = source.index();
        Optional<NetworkInterface> eni = id.startsWith("i-") ? index.primaryInterfaceOf(id) : index.networkInterface(id);
        if (eni.isPresent()) {
            long address = Ipv4Address.parse(eni.get().privateIpAddress()).orElseThrow();
            return new Resolution(Optional.of(address), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(Hop.of(id, HopType.DNS, "is " + eni.get().privateIpAddress() + " on " + eni.get().id())), List.of(), "");
        }
        Optional<VpcEndpoint> endpoint = index.endpoint(id);
        if (endpoint.isPresent() && EndpointView.isInterface(endpoint.get())) {
            return toEndpoint(source, id, endpoint.get(), Optional.empty(), index.services().service(endpoint.get().serviceName()),
                    "interface of " + id, List.of());
        }
        if (endpoint.isPresent()) {
            Optional<AwsService> service = index.services().service(endpoint.get().serviceName());
            Optional<PublicService> publicService = service.flatMap(serviceNames::publicServiceOf);
            Optional<Long> address = publicService.flatMap(addresses::address);
            if (address.isPresent()) {
                return new Resolution(address, service, publicService, Optional.empty(), Optional.of(Hop.of(id, HopType.DNS, "gateway endpoint service "
                        + endpoint.get().serviceName() + " at " + Ipv4Address.format(address.get()))), List.of(), "");
            }
        }
        return Resolution.unresolved(id, "no instance, network interface or endpoint " + id + " in " + index.scope(), List.of());
    }

    /**
     * A name AWS serves: the interface endpoint in the VPC whose service's private DNS name covers it, if its
     * private DNS applies; else the address of the name's service.
     */
    private Resolution resolveServiceHostname(Source source, String hostname, PublicService owner, FaultSet faults) {
        List<Explanation> notes = new ArrayList<>();
        Optional<PrivateName> privateName = privateDnsEndpoint(source.index(), source.vpc(), hostname, notes, faults);
        if (privateName.isPresent()) {
            VpcEndpoint endpoint = privateName.get().endpoint();
            return toEndpoint(source, hostname, endpoint, Optional.empty(), Optional.of(privateName.get().service()),
                    "private DNS name of " + endpoint.id(), notes);
        }
        Optional<ServiceAddresses.Assignment> assignment = addresses.assignment(owner);
        if (assignment.isEmpty()) {
            return Resolution.unresolved(hostname, "no public address for " + owner.describe(), notes);
        }
        long address = assignment.get().address();
        Hop hop = Hop.of(hostname, HopType.DNS, "resolves publicly to " + Ipv4Address.format(address) + " (" + owner.describe() + ", "
                + assignment.get().origin() + ")");
        return new Resolution(Optional.of(address), serviceNames.endpointServiceOf(owner), Optional.of(owner), Optional.empty(), Optional.of(hop), notes, "");
    }

    /** An interface endpoint whose private DNS name answers for a hostname in a VPC, with the service it serves. */
    record PrivateName(VpcEndpoint endpoint, AwsService service) {
    }

    /**
     * The interface endpoint in the VPC whose service's private DNS name covers the hostname and applies: its
     * private DNS is on, the VPC has both DNS attributes on and it is not only for the inbound Resolver
     * endpoint, and no F1 fault replaces its answers by the public ones. Why a covering endpoint does not apply goes to
     * {@code notes}. The VPC's DNS server and the path engine both decide here, so they cannot disagree.
     */
    static Optional<PrivateName> privateDnsEndpoint(ScopeIndex index, Vpc vpc, String hostname, List<Explanation> notes, FaultSet faults) {
        for (VpcEndpoint endpoint : index.endpointsOf(vpc.id())) {
            Optional<AwsService> service = EndpointView.isInterface(endpoint) ? index.services().service(endpoint.serviceName()) : Optional.empty();
            if (service.isEmpty() || !ServiceNames.covers(service.get().privateDnsName(), hostname)) {
                continue;
            }
            if (!endpoint.privateDnsEnabled()) {
                notes.add(new Explanation(ExplanationCode.PRIVATE_DNS_DISABLED, endpoint.id(),
                        endpoint.id() + " serves " + service.get().serviceName() + " but its private DNS is off, so " + hostname + " resolves publicly"));
            } else if (!vpc.enableDnsSupport() || !vpc.enableDnsHostnames()) {
                notes.add(new Explanation(ExplanationCode.VPC_DNS_ATTRIBUTES_DISABLED, vpc.id(),
                        vpc.id() + " has enableDnsSupport=" + vpc.enableDnsSupport() + " and enableDnsHostnames=" + vpc.enableDnsHostnames()
                                + ", so the private DNS name of " + endpoint.id() + " does not apply"));
            } else if (endpoint.privateDnsOnlyForInboundResolverEndpoint()) {
                notes.add(new Explanation(ExplanationCode.PRIVATE_DNS_INBOUND_RESOLVER_ONLY, endpoint.id(),
                        endpoint.id() + " answers " + hostname + " only for the inbound Resolver endpoint; in the VPC it resolves publicly"));
            } else {
                Optional<Fault> publicDns = faults.has(FaultKind.F1_PUBLIC_DNS)
                        ? faults.first(FaultKind.F1_PUBLIC_DNS, FaultSubjects.atEndpoint(index, vpc.id(), endpoint)) : Optional.empty();
                if (publicDns.isEmpty()) {
                    return Optional.of(new PrivateName(endpoint, service.get()));
                }
                notes.add(new Explanation(ExplanationCode.FAULT_PUBLIC_DNS, publicDns.get().id(), "fault " + publicDns.get().describe()
                        + " replaces the private DNS answers of " + endpoint.id() + " by the public ones, so " + hostname + " resolves publicly"));
            }
        }
        return Optional.empty();
    }

    /** The endpoint's interface in the requested zone, else in the source's zone, else its first. */
    private Resolution toEndpoint(Source source, String hostname, VpcEndpoint endpoint, Optional<String> zone, Optional<AwsService> service,
            String kind, List<Explanation> notes) {
        ScopeIndex index = source.index();
        NetworkInterface chosen = null;
        for (String eniId : endpoint.networkInterfaceIds()) {
            Optional<NetworkInterface> eni = index.networkInterface(eniId);
            if (eni.isEmpty()) {
                continue;
            }
            String eniZone = eni.get().availabilityZone();
            if (zone.isPresent() ? eniZone.equals(zone.get()) : eniZone.equals(source.subnet().availabilityZone())) {
                chosen = eni.get();
                break;
            }
            if (chosen == null && zone.isEmpty()) {
                chosen = eni.get();
            }
        }
        if (chosen == null) {
            return Resolution.unresolved(hostname, endpoint.id() + " has no network interface" + zone.map(z -> " in " + z).orElse(""), notes);
        }
        long address = Ipv4Address.parse(chosen.privateIpAddress()).orElseThrow();
        Hop hop = Hop.of(hostname, HopType.DNS, "resolves to " + chosen.privateIpAddress() + " on " + chosen.id() + " (" + kind + ")");
        Optional<AwsService> served = service.or(() -> index.services().service(endpoint.serviceName()));
        return new Resolution(Optional.of(address), served, served.flatMap(serviceNames::publicServiceOf), Optional.of(endpoint),
                Optional.of(hop), notes, "");
    }
}
