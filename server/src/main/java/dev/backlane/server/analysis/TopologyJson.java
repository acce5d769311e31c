package dev.backlane.server.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The world as the console draws it ({@code GET /_backlane/ui/api/topology}): accounts, each with its VPCs per region,
 * their subnets (with zone), VPC endpoints (with the service they reach, its owner when it is an endpoint service, and
 * the time from creation to available) and workloads; and each account's endpoint services. Pure shaping of a
 * snapshot at {@code now}: deleted endpoints are left out, as DescribeVpcEndpoints leaves them out.
 */
public final class TopologyJson {
    private TopologyJson() {}

    public static ObjectNode topology(World world, Instant now, List<Workload> workloads) {
        // Which account offers each endpoint service, to mark the endpoints that cross accounts.
        Map<String, Scope> providers = new HashMap<>();
        for (Scope scope : world.scopes()) {
            for (EndpointServiceConfiguration service : world.all(scope, ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                providers.put(service.serviceName(), scope);
            }
        }
        Map<String, ObjectNode> accounts = new TreeMap<>();
        List<Scope> scopes = world.scopes().stream().sorted().toList();
        for (Scope scope : scopes) {
            ObjectNode account = accounts.computeIfAbsent(scope.account(), id -> {
                ObjectNode node = PathJson.mapper().createObjectNode().put("accountId", id);
                node.putArray("vpcs");
                node.putArray("endpointServices");
                return node;
            });
            world.all(scope, ResourceTypes.VPC).stream().sorted(Comparator.comparing(Vpc::id))
                    .forEach(vpc -> ((ArrayNode) account.get("vpcs")).add(vpc(world, scope, vpc, now, providers, workloads)));
            world.all(scope, ResourceTypes.VPC_ENDPOINT_SERVICE).stream().sorted(Comparator.comparing(EndpointServiceConfiguration::id))
                    .forEach(service -> ((ArrayNode) account.get("endpointServices")).add(PathJson.mapper().createObjectNode()
                            .put("region", scope.region())
                            .put("serviceId", service.id())
                            .put("serviceName", service.serviceName())
                            .put("serviceType", service.type().awsName())
                            .put("serviceState", service.stateAt(now).awsName())
                            .put("acceptanceRequired", service.acceptanceRequired())));
        }
        ObjectNode answer = PathJson.mapper().createObjectNode().put("time", now.toString());
        ArrayNode list = answer.putArray("accounts");
        accounts.values().forEach(list::add);
        return answer;
    }

    private static ObjectNode vpc(World world, Scope scope, Vpc vpc, Instant now, Map<String, Scope> providers, List<Workload> workloads) {
        ObjectNode node = PathJson.mapper().createObjectNode()
                .put("region", scope.region())
                .put("vpcId", vpc.id())
                .put("cidrBlock", vpc.cidrBlock())
                .put("isDefault", vpc.isDefault());
        name(world, scope, vpc.id()).ifPresent(name -> node.put("name", name));
        ArrayNode subnets = node.putArray("subnets");
        world.all(scope, ResourceTypes.SUBNET).stream().filter(subnet -> subnet.vpcId().equals(vpc.id()))
                .sorted(Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::id)).forEach(subnet -> {
                    ObjectNode one = subnets.addObject()
                            .put("subnetId", subnet.id())
                            .put("cidrBlock", subnet.cidrBlock())
                            .put("availabilityZone", subnet.availabilityZone())
                            .put("availabilityZoneId", subnet.availabilityZoneId());
                    name(world, scope, subnet.id()).ifPresent(name -> one.put("name", name));
                });
        ArrayNode endpoints = node.putArray("endpoints");
        world.all(scope, ResourceTypes.VPC_ENDPOINT).stream()
                .filter(endpoint -> endpoint.vpcId().equals(vpc.id()) && endpoint.lifecycle().isVisibleAt(now) && !endpoint.isBeingDeleted())
                .sorted(Comparator.comparing(VpcEndpoint::id))
                .forEach(endpoint -> endpoints.add(endpoint(world, scope, endpoint, now, providers)));
        ArrayNode placed = node.putArray("workloads");
        for (Workload workload : workloads) {
            if (!workload.scope().equals(scope)) {
                continue;
            }
            Optional<NetworkInterface> eni = world.find(scope, ResourceTypes.NETWORK_INTERFACE, workload.networkInterfaceId());
            if (eni.isPresent() && eni.get().vpcId().equals(vpc.id())) {
                ObjectNode one = placed.addObject()
                        .put("workloadId", workload.id())
                        .put("networkInterfaceId", workload.networkInterfaceId())
                        .put("subnetId", eni.get().subnetId())
                        .put("privateIpAddress", eni.get().privateIpAddress())
                        .put("principalArn", workload.principalArn());
                workload.instanceId().ifPresent(instance -> one.put("instanceId", instance));
            }
        }
        return node;
    }

    private static ObjectNode endpoint(World world, Scope scope, VpcEndpoint endpoint, Instant now, Map<String, Scope> providers) {
        ObjectNode node = PathJson.mapper().createObjectNode()
                .put("vpcEndpointId", endpoint.id())
                .put("vpcEndpointType", endpoint.type().awsName())
                .put("serviceName", endpoint.serviceName())
                .put("state", endpoint.stateAt(now).awsName())
                .put("privateDnsEnabled", endpoint.privateDnsEnabled())
                .put("creationTimestamp", endpoint.creationTimestamp().toString());
        name(world, scope, endpoint.id()).ifPresent(name -> node.put("name", name));
        endpoint.subnetIds().forEach(node.putArray("subnetIds")::add);
        ArrayNode interfaces = node.putArray("networkInterfaces");
        for (String id : endpoint.networkInterfaceIds()) {
            world.find(scope, ResourceTypes.NETWORK_INTERFACE, id).ifPresent(eni -> interfaces.addObject()
                    .put("networkInterfaceId", eni.id())
                    .put("subnetId", eni.subnetId())
                    .put("availabilityZone", eni.availabilityZone())
                    .put("privateIpAddress", eni.privateIpAddress())
                    .put("status", eni.status()));
        }
        Scope provider = providers.get(endpoint.serviceName());
        if (provider != null) {
            node.put("serviceOwner", provider.account()).put("crossAccount", !provider.account().equals(scope.account()));
        } else {
            node.put("serviceOwner", "amazon").put("crossAccount", false);
        }
        Instant ready = endpoint.lifecycle().readyAt();
        if (ready != null && !ready.isAfter(now)) {
            node.put("availableAt", ready.toString())
                    .put("provisioningSeconds", Duration.between(endpoint.creationTimestamp(), ready).toMillis() / 1000.0);
        }
        return node;
    }

    private static Optional<String> name(World world, Scope scope, String id) {
        return world.find(scope, ResourceTypes.TAGS, id).map(ResourceTags::tags).map(tags -> tags.get("Name"));
    }
}
