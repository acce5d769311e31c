package dev.backlane.server.http;

import static dev.backlane.server.http.AdminRequests.integer;
import static dev.backlane.server.http.AdminRequests.text;
import static dev.backlane.server.http.JsonAnswers.address;
import static dev.backlane.server.http.JsonAnswers.error;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.TargetSocketPlacement;
import dev.backlane.core.world.Cloud;
import dev.backlane.server.traffic.TargetSocketRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /_backlane/targets}: where load balancers' targets really listen. {@code POST} with {@code {"account",
 * "region", "instanceId"}} or {@code {"account", "region", "vpcId", "address"}}, and {@code "port"} (the target's port
 * in the VPC), {@code "hostPort"} and optionally {@code "host"} (a loopback address, 127.0.0.1 by default) maps the
 * target to that host socket; {@code GET} lists the mappings; {@code GET /ID} gives one; {@code DELETE /ID} removes it.
 * What EC2 would refuse is answered 400 with its code.
 */
public final class TargetSocketHttpHandler extends AdminCollectionHandler<TargetSocketRegistry.Mapping> {
    public static final String PATH = "/_backlane/targets";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Literal addresses only: a host name would be resolved on every request, and targets are processes on this host. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final TargetSocketRegistry sockets;
    private final Cloud cloud;
    private final RegionCatalog regions;
    private final Scope defaults;

    public TargetSocketHttpHandler(TargetSocketRegistry sockets, Cloud cloud, RegionCatalog regions, Scope defaults) {
        super(PATH, "targets", "{\"instanceId\": \"i-...\", \"port\": 8080, \"hostPort\": 41234}");
        this.sockets = requireNonNull(sockets, "sockets is null");
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.regions = requireNonNull(regions, "regions is null");
        this.defaults = requireNonNull(defaults, "defaults is null");
    }

    @Override
    Optional<TargetSocketRegistry.Mapping> find(String id) {
        return sockets.find(id);
    }

    @Override
    Optional<TargetSocketRegistry.Mapping> remove(String id) {
        return sockets.remove(id);
    }

    @Override
    String notFound(String id) {
        return error("The target socket '" + id + "' does not exist");
    }

    @Override
    List<TargetSocketRegistry.Mapping> members() {
        return sockets.list();
    }

    @Override
    TargetSocketRegistry.Mapping add(JsonNode body) {
        Scope scope = AdminRequests.scope(body, defaults, regions);
        int port = required(body, "port");
        int hostPort = required(body, "hostPort");
        TargetSocketPlacement.checkPort("hostPort", hostPort);
        InetAddress host = loopback(text(body, "host").orElse("127.0.0.1"));
        TargetSocketPlacement.Placement target = TargetSocketPlacement.resolve(cloud.snapshot(scope).scope(scope),
                new TargetSocketPlacement.Request(text(body, "instanceId"), text(body, "vpcId"), text(body, "address"), port), cloud.now());
        return sockets.add(scope, target, new InetSocketAddress(host, hostPort));
    }

    private static int required(JsonNode body, String name) {
        return integer(body, name).orElseThrow(() -> AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter %s", name));
    }

    /** The host address of a target socket: a literal loopback address, so that probes and connections stay on this machine. */
    private static InetAddress loopback(String host) {
        InetAddress address = null;
        if (LITERAL.matcher(host).matches()) {
            try {
                address = InetAddress.getByName(host);
            } catch (IOException e) {
                address = null;
            }
        }
        if (address == null || !address.isLoopbackAddress()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Value (%s) for parameter host is invalid. Expected a loopback address such as 127.0.0.1 or ::1.", host);
        }
        return address;
    }

    @Override
    ObjectNode describe(TargetSocketRegistry.Mapping mapping) {
        ObjectNode node = JSON.createObjectNode().put("targetSocketId", mapping.id()).put("account", mapping.scope().account())
                .put("region", mapping.scope().region()).put("vpcId", mapping.target().vpcId());
        mapping.target().instanceId().ifPresent(id -> node.put("instanceId", id));
        node.put("address", mapping.target().address()).put("port", mapping.target().port());
        node.set("socket", address(mapping.socket()));
        return node;
    }
}
