package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.policy.Effect;
import dev.backlane.core.policy.PolicyRequest;
import dev.backlane.core.policy.Statement;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.zone.ZoneMappings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds, per VPC, the guide's failure modes that configuration shows: interface endpoints resolving
 * publicly (F1), endpoint security groups that shut out the VPC's own workloads (F2), zones with
 * subnets but no endpoint interface (F3), endpoint policies denying what given identity policies grant
 * (F4), S3 and DynamoDB traffic paying for a NAT gateway where a gateway endpoint would carry it (F5),
 * private route tables missing the VPC's gateway endpoint (F6), and single-zone interface endpoints.
 */
public final class ConfigurationAudit {
    private static final int HTTPS = 443;
    private static final List<String> GATEWAY_SERVICES = List.of("s3", "dynamodb");

    private final ServiceAddresses addresses;

    public ConfigurationAudit(ServiceAddresses addresses) {
        this.addresses = requireNonNull(addresses, "addresses is null");
    }

    /**
     * Identity policies to weigh endpoint policies against (F4), for the principal they belong to; without
     * one, endpoint policies are evaluated for an anonymous caller.
     */
    public record IdentityPolicies(Optional<String> principal, List<String> documents) {
        public IdentityPolicies {
            requireNonNull(principal, "principal is null");
            documents = List.copyOf(requireNonNull(documents, "documents is null"));
        }
    }

    /** The findings of every VPC of the scope, by VPC ID; VPCs without findings are left out. */
    public Map<String, List<AuditFinding>> audit(ScopeIndex index, Optional<IdentityPolicies> identity) {
        Map<String, List<AuditFinding>> byVpc = new TreeMap<>();
        List<CompiledPolicy> identityPolicies = identity.map(given -> given.documents().stream().map(CompiledPolicy::parse).toList())
                .orElse(List.of());
        for (Vpc vpc : index.vpcs()) {
            List<AuditFinding> findings = new ArrayList<>();
            List<NetworkInterface> workloads = workloads(index, vpc);
            for (VpcEndpoint endpoint : index.endpointsOf(vpc.id())) {
                Optional<AwsService> service = index.services().service(endpoint.serviceName());
                if (EndpointView.isInterface(endpoint)) {
                    privateDns(vpc, endpoint, service).ifPresent(findings::add);
                    securityGroups(index, vpc, endpoint, workloads).ifPresent(findings::add);
                    zones(index, vpc, endpoint).forEach(findings::add);
                }
                identity.ifPresent(given -> policy(index, vpc, endpoint, service, given.principal(), identityPolicies)
                        .forEach(findings::add));
            }
            gatewayServices(index, vpc, findings);
            if (!findings.isEmpty()) {
                byVpc.put(vpc.id(), findings);
            }
        }
        return byVpc;
    }

    private static List<NetworkInterface> workloads(ScopeIndex index, Vpc vpc) {
        List<NetworkInterface> workloads = new ArrayList<>();
        for (NetworkInterface eni : index.interfacesIn(vpc.id())) {
            if (!eni.requesterManaged() && index.endpointOwning(eni.id()).isEmpty()) {
                workloads.add(eni);
            }
        }
        return workloads;
    }

    private static Optional<AuditFinding> privateDns(Vpc vpc, VpcEndpoint endpoint, Optional<AwsService> service) {
        if (service.isEmpty() || service.get().privateDnsName() == null) {
            return Optional.empty();
        }
        String name = service.get().privateDnsName();
        if (!endpoint.privateDnsEnabled()) {
            return Optional.of(new AuditFinding(FailureMode.F1_PUBLIC_DNS, vpc.id(), List.of(endpoint.id()),
                    endpoint.id() + " (" + endpoint.serviceName() + ") has private DNS off: " + name + " resolves to public addresses"));
        }
        if (!vpc.enableDnsSupport() || !vpc.enableDnsHostnames()) {
            return Optional.of(new AuditFinding(FailureMode.F1_PUBLIC_DNS, vpc.id(), List.of(endpoint.id(), vpc.id()),
                    vpc.id() + " has enableDnsSupport=" + vpc.enableDnsSupport() + ", enableDnsHostnames=" + vpc.enableDnsHostnames()
                            + ": the private DNS name " + name + " of " + endpoint.id() + " does not apply"));
        }
        return Optional.empty();
    }

    private static Optional<AuditFinding> securityGroups(ScopeIndex index, Vpc vpc, VpcEndpoint endpoint, List<NetworkInterface> workloads) {
        List<String> blocked = new ArrayList<>();
        for (NetworkInterface workload : workloads) {
            Optional<Long> address = Ipv4Address.parse(workload.privateIpAddress());
            if (address.isPresent() && index.securityGroups().ingress(endpoint.groupIds(), address.get(), workload.groupIds(), Protocol.TCP,
                    HTTPS).isEmpty()) {
                blocked.add(workload.id());
            }
        }
        if (workloads.isEmpty()) {
            for (Ipv4Cidr cidr : index.vpcCidrs(vpc.id())) {
                if (index.securityGroups().ingress(endpoint.groupIds(), cidr.first() + 4, List.of(), Protocol.TCP, HTTPS).isEmpty()) {
                    blocked.add(cidr.toString());
                }
            }
        }
        if (blocked.isEmpty()) {
            return Optional.empty();
        }
        List<String> resources = new ArrayList<>(List.of(endpoint.id()));
        resources.addAll(endpoint.groupIds());
        resources.addAll(blocked);
        return Optional.of(new AuditFinding(FailureMode.F2_ENDPOINT_SECURITY_GROUP, vpc.id(), resources,
                "the security groups " + endpoint.groupIds() + " of " + endpoint.id() + " allow no TCP 443 from " + blocked.size()
                        + " of the VPC's workloads or CIDRs"));
    }

    /** Zones are told apart by zone ID, so a snapshot subnet without one is placed by the account's zone mapping. */
    private static List<AuditFinding> zones(ScopeIndex index, Vpc vpc, VpcEndpoint endpoint) {
        ZoneMapping mapping = ZoneMappings.standard().of(index.state(), index.scope());
        Map<String, String> endpointZones = new LinkedHashMap<>();
        for (String eniId : endpoint.networkInterfaceIds()) {
            index.networkInterface(eniId).ifPresent(eni -> endpointZones.put(zoneId(mapping, eni.availabilityZoneId(), eni.availabilityZone()),
                    eni.availabilityZone()));
        }
        List<AuditFinding> findings = new ArrayList<>();
        if (endpointZones.size() == 1) {
            findings.add(new AuditFinding(FailureMode.SINGLE_AZ_INTERFACE_ENDPOINT, vpc.id(), List.of(endpoint.id()),
                    endpoint.id() + " has interfaces only in " + endpointZones.values().iterator().next()));
        }
        Map<String, List<String>> uncovered = new TreeMap<>();
        for (Subnet subnet : index.subnetsOf(vpc.id())) {
            if (!endpointZones.containsKey(zoneId(mapping, subnet.availabilityZoneId(), subnet.availabilityZone()))) {
                uncovered.computeIfAbsent(subnet.availabilityZone(), ignored -> new ArrayList<>()).add(subnet.id());
            }
        }
        uncovered.forEach((zone, subnets) -> {
            List<String> resources = new ArrayList<>(List.of(endpoint.id()));
            resources.addAll(subnets);
            findings.add(new AuditFinding(FailureMode.F3_ZONE_WITHOUT_ENDPOINT, vpc.id(), resources,
                    endpoint.id() + " has no interface in " + zone + ": traffic from " + subnets.size() + " subnet(s) there crosses zones"));
        });
        return findings;
    }

    private static String zoneId(ZoneMapping mapping, String zoneId, String zoneName) {
        return zoneId == null || zoneId.isEmpty() ? mapping.idOf(zoneName) : zoneId;
    }

    private static List<AuditFinding> policy(ScopeIndex index, Vpc vpc, VpcEndpoint endpoint, Optional<AwsService> service,
            Optional<String> principal, List<CompiledPolicy> identityPolicies) {
        Optional<CompiledPolicy> endpointPolicy = index.endpointPolicy(endpoint);
        if (endpointPolicy.isEmpty() || service.isEmpty()) {
            return List.of();
        }
        String prefix = service.get().shortName() + ":";
        List<AuditFinding> findings = new ArrayList<>();
        for (CompiledPolicy identity : identityPolicies) {
            for (Statement statement : identity.policy().statements()) {
                if (statement.effect() != Effect.ALLOW || statement.action().negated() || statement.resource().negated()) {
                    continue;
                }
                for (String action : statement.action().values()) {
                    if (!action.toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                        continue;
                    }
                    for (String resource : statement.resource().values()) {
                        PolicyRequest request = PolicyRequest.of(principal.orElse("anonymous"), action, resource);
                        if (!endpointPolicy.get().decide(request).isAllowed()) {
                            findings.add(new AuditFinding(FailureMode.F4_ENDPOINT_POLICY_DENIES, vpc.id(), List.of(endpoint.id()),
                                    "the endpoint policy of " + endpoint.id() + " denies " + action + " on " + resource
                                            + principal.map(arn -> ", which an identity policy of " + arn + " grants")
                                            .orElse(", which the identity policies grant (evaluated for an anonymous caller: no principal given)")));
                        }
                    }
                }
            }
        }
        return findings;
    }

    /** F5 and F6: for S3 and DynamoDB, each route table in use whose route to the service is not a gateway endpoint. */
    private void gatewayServices(ScopeIndex index, Vpc vpc, List<AuditFinding> findings) {
        String region = index.scope().region();
        for (String shortName : GATEWAY_SERVICES) {
            String serviceName = "com.amazonaws." + region + "." + shortName;
            Optional<VpcEndpoint> gateway = index.endpointsOf(vpc.id()).stream()
                    .filter(endpoint -> EndpointView.isGateway(endpoint) && endpoint.serviceName().equals(serviceName)).findFirst();
            Optional<Long> address = addresses.address(region, shortName);
            if (address.isEmpty()) {
                continue;
            }
            for (RouteLookup table : tablesInUse(index, vpc)) {
                List<String> subnets = subnetsUsing(index, vpc, table);
                Optional<Route> route = table.lookup(address.get()).map(RouteLookup.Match::route);
                String target = route.map(Route::target).orElse("");
                if (target.startsWith("vpce-")) {
                    continue;
                }
                boolean viaNat = target.startsWith("nat-");
                boolean privateTable = !target.startsWith("igw-");
                List<String> resources = new ArrayList<>(List.of(table.table().id()));
                if (viaNat) {
                    resources.add(target);
                    resources.addAll(subnets);
                    findings.add(new AuditFinding(FailureMode.F5_NAT_FOR_GATEWAY_SERVICE, vpc.id(), resources,
                            shortName + " traffic from " + subnets.size() + " subnet(s) using " + table.table().id() + " leaves through " + target
                                    + (gateway.isPresent() ? " although " + gateway.get().id() + " could carry it" : "; no gateway endpoint for "
                                    + shortName + " in " + vpc.id())));
                } else if (gateway.isPresent() && privateTable) {
                    resources.add(0, gateway.get().id());
                    resources.addAll(subnets);
                    findings.add(new AuditFinding(FailureMode.F6_ROUTE_TABLE_WITHOUT_GATEWAY_ENDPOINT, vpc.id(), resources,
                            table.table().id() + " of " + subnets.size() + " private subnet(s) has no route to " + gateway.get().id() + " for "
                                    + shortName));
                }
            }
        }
    }

    private static List<RouteLookup> tablesInUse(ScopeIndex index, Vpc vpc) {
        Map<String, RouteLookup> tables = new TreeMap<>();
        for (Subnet subnet : index.subnetsOf(vpc.id())) {
            index.routeTableOf(subnet).ifPresent(table -> tables.put(table.table().id(), table));
        }
        return List.copyOf(tables.values());
    }

    private static List<String> subnetsUsing(ScopeIndex index, Vpc vpc, RouteLookup table) {
        List<String> subnets = new ArrayList<>();
        for (Subnet subnet : index.subnetsOf(vpc.id())) {
            if (index.routeTableOf(subnet).map(found -> found == table).orElse(false)) {
                subnets.add(subnet.id());
            }
        }
        return subnets;
    }
}
