package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.zone.ZoneMappings;
import java.time.Instant;
import java.util.Optional;

/**
 * Judges one TCP connection a workload opens through its gateway's tunnel (HTTP CONNECT or SOCKS5): the path
 * engine's verdict for TCP from the workload's network interface to the host and port, and — when the host is an
 * interface endpoint of a provider's endpoint service — the consumer's side of the PrivateLink connection, for the
 * events. The engine alone decides whether the connection passes and which targets it may reach
 * ({@link PathResult#targets()}); no policy is weighed, since a tunnel's bytes (TLS, or any protocol) say nothing
 * of an AWS call.
 */
public final class TunnelJudge {
    private final PathEngine engine;

    public TunnelJudge(PathEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** A connection's path, and the PrivateLink endpoint it goes through when the host is an endpoint service's. */
    public record Judgement(PathResult path, Optional<PrivateLinkEndpoint> privateLink) {
        public Judgement {
            requireNonNull(path, "path is null");
            requireNonNull(privateLink, "privateLink is null");
        }
    }

    /** The question the judge asks, for the same answer from {@code explain}. */
    public static PathQuery query(Workload workload, String host, int port) {
        return PathQuery.of(workload.networkInterfaceId(), host, Protocol.TCP, port).inScope(workload.scope());
    }

    public Judgement judge(WorldIndex world, Workload workload, String host, int port, Instant at) {
        requireNonNull(world, "world is null");
        requireNonNull(workload, "workload is null");
        requireNonNull(host, "host is null");
        requireNonNull(at, "at is null");
        PathQuery query = query(workload, host, port);
        PathResult path = engine.explain(world, query, at);
        Optional<PrivateLinkEndpoint> privateLink = engine.endpointInterface(world, query)
                .flatMap(found -> privateLink(world, workload, found.endpoint(), found.networkInterface()));
        return new Judgement(path, privateLink);
    }

    /** The consumer's side, when the endpoint's service is a provider's endpoint service the world holds. */
    private static Optional<PrivateLinkEndpoint> privateLink(WorldIndex world, Workload workload, VpcEndpoint endpoint, NetworkInterface endpointEni) {
        Optional<NetworkInterface> source = world.scope(workload.scope()).flatMap(index -> index.networkInterface(workload.networkInterfaceId()));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        for (Scope owner : world.world().scopes()) {
            if (!owner.region().equals(workload.scope().region())) {
                continue;
            }
            ScopeState state = world.world().scope(owner);
            for (EndpointServiceConfiguration service : state.all(ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                if (service.serviceName().equals(endpoint.serviceName())) {
                    NetworkInterface consumer = source.get();
                    String zoneId = endpointEni.availabilityZoneId() == null || endpointEni.availabilityZoneId().isEmpty()
                            ? ZoneMappings.standard().of(world.world(), workload.scope()).idOf(endpointEni.availabilityZone())
                            : endpointEni.availabilityZoneId();
                    return Optional.of(new PrivateLinkEndpoint(workload.scope().account(), workload.scope().region(), consumer.vpcId(),
                            consumer.subnetId(), consumer.id(), consumer.privateIpAddress(), endpoint.id(), endpointEni.id(),
                            endpointEni.privateIpAddress(), zoneId, service.serviceName(), service.id(), owner.account()));
                }
            }
        }
        return Optional.empty();
    }
}
