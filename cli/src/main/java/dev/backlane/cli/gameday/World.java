package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AdminClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;

/**
 * A scenario's world on a running Backlane: the VPC, subnets and interface endpoints it builds through the EC2 API
 * and the workloads it places through {@code /_backlane/workloads} (or finds, when the file names one already
 * placed); the IDs each name stands for; and taking down what it made, last first.
 */
final class World {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration AVAILABLE_WITHIN = Duration.ofSeconds(60);

    private final AdminClient server;
    private final AwsApi ec2;
    private final Scenario.Setup setup;
    private final SortedSet<Integer> endpointPorts;
    private final Map<String, String> ids = new LinkedHashMap<>();
    /** Each endpoint's regional DNS name, replaced when the endpoint is made again. */
    private final Map<String, String> endpointNames = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> workloads = new LinkedHashMap<>();
    private final List<String> placed = new ArrayList<>();
    private final List<String> builtSubnets = new ArrayList<>();
    private final List<String> builtEndpoints = new ArrayList<>();
    private String builtVpc;
    private String endpointGroup;

    /** {@code endpointPorts}: the TCP ports the endpoints' security group lets the VPC reach them on (443 for AWS calls, and the traffic's). */
    World(AdminClient server, AwsApi ec2, Scenario.Setup setup, Collection<Integer> endpointPorts) {
        this.server = server;
        this.ec2 = ec2;
        this.setup = setup;
        this.endpointPorts = new TreeSet<>(endpointPorts);
        ids.put("account", setup.account());
        ids.put("region", setup.region());
    }

    void build() {
        setup.network().ifPresent(this::buildNetwork);
        for (Scenario.WorkloadSpec spec : setup.workloads()) {
            JsonNode workload;
            if (spec.workloadId().isPresent()) {
                workload = server.getJson("/_backlane/workloads/" + spec.workloadId().get(), "the workload " + spec.workloadId().get());
            } else {
                String subnet = spec.subnet().orElseThrow();
                ObjectNode request = JSON.createObjectNode().put("account", setup.account()).put("region", setup.region())
                        .put("subnetId", subnet.startsWith("subnet-") ? subnet : ids.get("subnet." + subnet));
                spec.principal().ifPresent(principal -> request.put("principalArn", principal));
                workload = server.postJson("/_backlane/workloads", request.toString().getBytes(StandardCharsets.UTF_8), "the workload " + spec.name());
                placed.add(workload.path("workloadId").asText());
            }
            workloads.put(spec.name(), workload);
            ids.put("workload." + spec.name(), workload.path("workloadId").asText());
        }
    }

    private void buildNetwork(Scenario.Network network) {
        builtVpc = AwsApi.first(ec2.ec2("CreateVpc", Map.of("CidrBlock", network.cidr())), "vpcId");
        ids.put("vpc", builtVpc);
        ec2.ec2("ModifyVpcAttribute", Map.of("VpcId", builtVpc, "EnableDnsHostnames.Value", "true"));
        for (Scenario.SubnetSpec subnet : network.subnets()) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("VpcId", builtVpc);
            parameters.put("CidrBlock", subnet.cidr());
            parameters.put("AvailabilityZone", subnet.zone());
            String id = AwsApi.first(ec2.ec2("CreateSubnet", parameters), "subnetId");
            builtSubnets.add(id);
            ids.put("subnet." + subnet.name(), id);
        }
        if (!network.endpoints().isEmpty()) {
            Map<String, String> group = new LinkedHashMap<>();
            group.put("VpcId", builtVpc);
            group.put("GroupName", "gameday-endpoints-" + UUID.randomUUID().toString().substring(0, 8));
            group.put("GroupDescription", "HTTPS and the game day TCP ports from the VPC to its interface endpoints");
            endpointGroup = AwsApi.first(ec2.ec2("CreateSecurityGroup", group), "groupId");
            Map<String, String> ingress = new LinkedHashMap<>();
            ingress.put("GroupId", endpointGroup);
            int rule = 0;
            for (int port : endpointPorts) {
                rule++;
                ingress.put("IpPermissions." + rule + ".IpProtocol", "tcp");
                ingress.put("IpPermissions." + rule + ".FromPort", Integer.toString(port));
                ingress.put("IpPermissions." + rule + ".ToPort", Integer.toString(port));
                ingress.put("IpPermissions." + rule + ".IpRanges.1.CidrIp", network.cidr());
            }
            ec2.ec2("AuthorizeSecurityGroupIngress", ingress);
            for (Scenario.EndpointSpec endpoint : network.endpoints()) {
                createEndpoint(endpoint.name());
            }
        }
    }

    /** Creates the named endpoint of the file (again, after a deletion) and waits until it is available; its new ID. */
    String createEndpoint(String name) {
        Scenario.EndpointSpec spec = setup.network().orElseThrow().endpoints().stream().filter(endpoint -> endpoint.name().equals(name))
                .findFirst().orElseThrow();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("VpcId", builtVpc);
        parameters.put("ServiceName", spec.fullServiceName(setup.region()));
        parameters.put("VpcEndpointType", "Interface");
        for (int index = 0; index < spec.subnets().size(); index++) {
            parameters.put("SubnetId." + (index + 1), ids.get("subnet." + spec.subnets().get(index)));
        }
        parameters.put("SecurityGroupId.1", endpointGroup);
        parameters.put("PrivateDnsEnabled", Boolean.toString(spec.privateDns()));
        Document created = ec2.ec2("CreateVpcEndpoint", parameters);
        String id = AwsApi.first(created, "vpcEndpointId");
        builtEndpoints.add(id);
        ids.put("endpoint." + name, id);
        endpointNames.put(name, AwsApi.first(created, "dnsName"));
        long deadline = System.nanoTime() + AVAILABLE_WITHIN.toNanos();
        while (!endpointState(id).equals("available")) {
            if (System.nanoTime() > deadline) {
                throw new GamedayFailure("the endpoint " + name + " (" + id + ") did not become available within " + Durations.show(AVAILABLE_WITHIN));
            }
            pause(50);
        }
        return id;
    }

    void deleteEndpoint(String name) {
        String id = ids.get("endpoint." + name);
        ec2.ec2("DeleteVpcEndpoints", Map.of("VpcEndpointId.1", id));
    }

    private String endpointState(String id) {
        try {
            return AwsApi.first(ec2.ec2("DescribeVpcEndpoints", Map.of("VpcEndpointId.1", id)), "state");
        } catch (GamedayFailure notFound) {
            return "deleted";
        }
    }

    /** The named endpoint's regional DNS name (that of the endpoint made last under that name). */
    String endpointName(String name) {
        String dnsName = endpointNames.get(name);
        if (dnsName == null || dnsName.isEmpty()) {
            throw new GamedayFailure("the endpoint " + name + " has no DNS name");
        }
        return dnsName;
    }

    /** The ID a {@code ${...}} reference stands for: {@code vpc}, {@code endpoint.sts}, {@code workload.app}... */
    Optional<String> id(String reference) {
        return Optional.ofNullable(ids.get(reference));
    }

    Map<String, JsonNode> workloads() {
        return workloads;
    }

    Map<String, String> ids() {
        return ids;
    }

    /** Removes what {@link #build} made, last first; what cannot be removed is named in the answer, not thrown. */
    List<String> takeDown() {
        List<String> left = new ArrayList<>();
        for (String workloadId : placed) {
            try {
                server.send(server.request("/_backlane/workloads/" + workloadId).DELETE(), HttpResponse.BodyHandlers.discarding());
            } catch (RuntimeException e) {
                left.add(workloadId + ": " + e.getMessage());
            }
        }
        if (builtVpc == null) {
            return left;
        }
        for (String endpoint : builtEndpoints) {
            if (!endpointState(endpoint).equals("deleted")) {
                attempt(() -> ec2.ec2("DeleteVpcEndpoints", Map.of("VpcEndpointId.1", endpoint)), endpoint, left, false);
            }
        }
        long deadline = System.nanoTime() + AVAILABLE_WITHIN.toNanos();
        while (builtEndpoints.stream().anyMatch(endpoint -> !endpointState(endpoint).equals("deleted")) && System.nanoTime() < deadline) {
            pause(100);
        }
        if (endpointGroup != null) {
            attempt(() -> ec2.ec2("DeleteSecurityGroup", Map.of("GroupId", endpointGroup)), endpointGroup, left, true);
        }
        for (String subnet : builtSubnets) {
            attempt(() -> ec2.ec2("DeleteSubnet", Map.of("SubnetId", subnet)), subnet, left, true);
        }
        attempt(() -> ec2.ec2("DeleteVpc", Map.of("VpcId", builtVpc)), builtVpc, left, true);
        return left;
    }

    /** Deletes, trying again for a while when what still depends on it (an endpoint's interfaces) is on its way out. */
    private static void attempt(Runnable delete, String id, List<String> left, boolean retry) {
        long deadline = System.nanoTime() + Duration.ofSeconds(retry ? 20 : 0).toNanos();
        while (true) {
            try {
                delete.run();
                return;
            } catch (GamedayFailure e) {
                if (!retry || System.nanoTime() > deadline || !e.getMessage().contains("DependencyViolation")) {
                    left.add(id + ": " + e.getMessage());
                    return;
                }
                pause(200);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GamedayFailure("interrupted");
        }
    }

}
