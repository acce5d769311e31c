package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.model.Scope;
import dev.backlane.core.traffic.Workload;
import dev.backlane.core.traffic.WorkloadPlacement;
import dev.backlane.core.world.Cloud;
import dev.backlane.dataplane.gateway.GatewayDecider;
import dev.backlane.dataplane.gateway.Gateways;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The workloads of a running server, each with its gateway. They live in memory only: a restart forgets them
 * (their programs must register again), while an ad-hoc workload's network interface is a real resource, created
 * and deleted through the cloud like any other, and removed when the server stops cleanly.
 */
public final class Workloads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workloads.class.getName());

    /** A workload and where its gateway listens. */
    public record Placed(Workload workload, InetSocketAddress gateway) {
        public Placed {
            requireNonNull(workload, "workload is null");
            requireNonNull(gateway, "gateway is null");
        }
    }

    private final Cloud cloud;
    private final WorkloadPlacement placement;
    private final Gateways gateways;
    private final Function<Workload, GatewayDecider> deciders;
    private final ConcurrentMap<String, Placed> placed = new ConcurrentHashMap<>();

    public Workloads(Cloud cloud, WorkloadPlacement placement, Gateways gateways, Function<Workload, GatewayDecider> deciders) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.gateways = requireNonNull(gateways, "gateways is null");
        this.deciders = requireNonNull(deciders, "deciders is null");
    }

    /**
     * Places a workload and opens its gateway; throws {@link AwsException} for a request the cloud refuses (nothing
     * is placed), and undoes the placement when no port can be opened.
     */
    public Placed create(Scope scope, WorkloadPlacement.Request request) {
        Workload workload = cloud.write(scope, transaction -> placement.place(transaction, request));
        InetSocketAddress gateway;
        try {
            gateway = gateways.open(workload.id(), deciders.apply(workload));
        } catch (Exception e) {
            // Netty may throw the bind's checked exception unchecked: undo the placement whatever failed.
            unplace(workload);
            throw e;
        }
        Placed result = new Placed(workload, gateway);
        placed.put(workload.id(), result);
        return result;
    }

    /** Every workload, in ID order. */
    public List<Placed> list() {
        List<Placed> all = new ArrayList<>(placed.values());
        all.sort(Comparator.comparing(one -> one.workload().id()));
        return all;
    }

    public Optional<Placed> find(String id) {
        return Optional.ofNullable(placed.get(id));
    }

    /** The network interface a placed workload sends from, as faults scoped to a workload ask for it; empty when there is none. */
    public Optional<String> networkInterfaceOf(String id) {
        return find(id).map(found -> found.workload().networkInterfaceId());
    }

    /** The workload of that ID, without its gateway: what the event stream's subscribers look events' workloads up by. */
    public Optional<Workload> workload(String id) {
        return find(id).map(Placed::workload);
    }

    /** Every workload, in ID order, without their gateways. */
    public List<Workload> workloads() {
        return list().stream().map(Placed::workload).toList();
    }

    /** Closes the workload's gateway and removes what it placed; empty when there is no such workload. */
    public Optional<Placed> delete(String id) {
        Placed removed = placed.remove(id);
        if (removed == null) {
            return Optional.empty();
        }
        gateways.close(id);
        unplace(removed.workload());
        return Optional.of(removed);
    }

    /** Closes every gateway and removes the ad-hoc workloads' interfaces: the workloads do not outlive the server. */
    @Override
    public void close() {
        for (Placed one : list()) {
            try {
                delete(one.workload().id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not remove workload " + one.workload().id() + "'s network interface "
                        + one.workload().networkInterfaceId(), e);
            }
        }
        gateways.close();
    }

    private void unplace(Workload workload) {
        cloud.write(workload.scope(), transaction -> {
            placement.remove(transaction, workload);
            return null;
        });
    }
}
