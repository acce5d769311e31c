package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.address;
import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.AdminRequests.text;
import static dev.backlane.server.http.AdminRequests.texts;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.traffic.WorkloadPlacement;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.dataplane.dns.DnsListeners;
import dev.backlane.server.traffic.Workloads;
import java.util.List;
import java.util.Optional;

/**
 * {@code /_backlane/workloads}: programs placed in the emulated network, each with a gateway port. {@code POST}
 * with {@code {"account", "region", "instanceId"}} or {@code {"account", "region", "subnetId", "securityGroupIds",
 * "privateIpAddress"}} (and optionally {@code "principalArn"}) places one and opens its gateway and its VPC's DNS
 * listener; {@code GET} lists them; {@code GET /ID} gives one; {@code DELETE /ID} removes it (and an ad-hoc
 * workload's network interface). What the cloud refuses is answered with EC2's code and message and its status.
 */
public final class WorkloadHttpHandler extends AdminCollectionHandler<Workloads.Placed> {
    public static final String PATH = "/_backlane/workloads";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workloads workloads;
    private final Cloud cloud;
    private final DnsListeners dns;
    private final RegionCatalog regions;
    private final Scope defaults;

    public WorkloadHttpHandler(Workloads workloads, Cloud cloud, DnsListeners dns, RegionCatalog regions, Scope defaults) {
        super(PATH, "workloads", "{\"subnetId\": \"subnet-...\", \"securityGroupIds\": [\"sg-...\"]} or {\"instanceId\": \"i-...\"}");
        this.workloads = requireNonNull(workloads, "workloads is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.dns = requireNonNull(dns, "dns is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
    }

    @Override
    Optional<Workloads.Placed> find(String id) {
        return workloads.find(id);
    }

    @Override
    Optional<Workloads.Placed> remove(String id) {
        return workloads.delete(id);
    }

    @Override
    String notFound(String id) {
        return error("The workload '" + id + "' does not exist");
    }

    @Override
    List<Workloads.Placed> members() {
        return workloads.list();
    }

    @Override
    Workloads.Placed add(JsonNode body) {
        Scope scope = AdminRequests.scope(body, defaults, regions);
        WorkloadPlacement.Request request = new WorkloadPlacement.Request(text(body, "instanceId"), text(body, "subnetId"),
                texts(body, "securityGroupIds"), text(body, "privateIpAddress"), text(body, "principalArn"));
        cloud.snapshot(scope);
        Workloads.Placed placed;
        try {
            placed = workloads.create(scope, request);
        } catch (AwsException e) {
            throw e;
        } catch (Exception e) {
            // No port could be opened for the gateway (the placement was undone).
            throw AwsException.of(ErrorCode.SERVICE_UNAVAILABLE, "cannot open the workload's gateway: %s", e.getMessage());
        }
        vpcOf(placed.workload()).ifPresent(dns::open);
        return placed;
    }

    @Override
    ObjectNode describe(Workloads.Placed placed) {
        Workload workload = placed.workload();
        ObjectNode node = JSON.createObjectNode().put("workloadId", workload.id()).put("account", workload.scope().account())
                .put("region", workload.scope().region()).put("networkInterfaceId", workload.networkInterfaceId());
        workload.instanceId().ifPresent(id -> node.put("instanceId", id));
        node.put("principalArn", workload.principalArn()).put("adHoc", workload.adHoc());
        Optional<NetworkInterface> networkInterface = networkInterface(workload);
        networkInterface.ifPresent(eni -> node.put("vpcId", eni.vpcId()).put("subnetId", eni.subnetId()).put("privateIpAddress", eni.privateIpAddress()));
        node.set("gateway", address(placed.gateway()));
        node.put("endpointUrl", "http://" + placed.gateway().getAddress().getHostAddress() + ":" + placed.gateway().getPort());
        Optional<DnsListeners.Listener> listener = networkInterface.map(eni -> dns.listeners().get(eni.vpcId()));
        if (listener.isPresent()) {
            node.set("dns", address(listener.get().address()));
        } else {
            node.putNull("dns");
        }
        return node;
    }

    private Optional<NetworkInterface> networkInterface(Workload workload) {
        World world = cloud.snapshot();
        return world.hasScope(workload.scope()) ? world.scope(workload.scope()).find(ResourceTypes.NETWORK_INTERFACE, workload.networkInterfaceId())
                : Optional.empty();
    }

    private Optional<String> vpcOf(Workload workload) {
        return networkInterface(workload).map(NetworkInterface::vpcId);
    }
}
