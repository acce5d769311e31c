package dev.backlane.server.observe;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.event.EndpointInterfaceEvent;
import dev.backlane.core.event.EndpointInterfaceEvent.Step;
import dev.backlane.core.event.EndpointStateChangedEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.NetworkInterfaceAttachment;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes VPC endpoints' lifecycle on the event stream as it happens: each change of an endpoint's state
 * ({@link EndpointStateChangedEvent}: created, {@code pending} to {@code available} with the time it took, accepted,
 * {@code deleting} to {@code deleted}) and each step of its network interfaces ({@link EndpointInterfaceEvent}:
 * created, attached, in use, deleted). Changes made by commands are seen as each batch is published (only scopes whose
 * endpoints or interfaces changed are compared); changes that come with time alone (the end of {@code pending} and of
 * {@code deleting}) are published by a timer at the instant the endpoint's lifecycle gives. Endpoints that exist when
 * it starts (after a restart) are followed from then on, without events for what happened before.
 */
public final class EndpointLifecycleWatch implements AutoCloseable {
    private final Cloud cloud;
    private final EventStream events;
    private final ScheduledExecutorService timer;
    /** The world last compared (guarded by this). */
    private World seen;
    /** What was last published of each endpoint followed (guarded by this). */
    private final Map<Key, Followed> followed = new HashMap<>();

    private record Key(Scope scope, String id) {}

    /** An endpoint's state as last published, and its interfaces as last seen. */
    private record Followed(VpcEndpointState state, Map<String, NetworkInterface> interfaces) {}

    private EndpointLifecycleWatch(Cloud cloud, EventStream events) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.events = requireNonNull(events, "events is null");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backlane-endpoint-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Follows the cloud's endpoints from now on. */
    public static EndpointLifecycleWatch start(Cloud cloud, EventStream events) {
        EndpointLifecycleWatch watch = new EndpointLifecycleWatch(cloud, events);
        watch.begin();
        cloud.whenChanged(watch::changed);
        return watch;
    }

    private synchronized void begin() {
        seen = cloud.snapshot();
        Instant now = cloud.now();
        for (Scope scope : seen.scopes()) {
            for (VpcEndpoint endpoint : seen.all(scope, ResourceTypes.VPC_ENDPOINT)) {
                Key key = new Key(scope, endpoint.id());
                followed.put(key, new Followed(endpoint.stateAt(now), interfaces(seen.scope(scope), endpoint)));
                scheduleNextChange(key, endpoint, now);
            }
        }
    }

    /** Compares the published world with the one last seen: on the thread that committed it, so kept to the scopes that changed. */
    private synchronized void changed() {
        World current = cloud.snapshot();
        Instant now = cloud.now();
        Set<Scope> scopes = new HashSet<>(seen.scopes());
        scopes.addAll(current.scopes());
        for (Scope scope : scopes) {
            ScopeState before = seen.scope(scope);
            ScopeState after = current.scope(scope);
            if (before.sameAs(after, ResourceTypes.VPC_ENDPOINT) && before.sameAs(after, ResourceTypes.NETWORK_INTERFACE)) {
                continue;
            }
            Set<String> present = new HashSet<>();
            for (VpcEndpoint endpoint : after.all(ResourceTypes.VPC_ENDPOINT)) {
                present.add(endpoint.id());
                if (before.find(ResourceTypes.VPC_ENDPOINT, endpoint.id()).filter(endpoint::equals).isEmpty()) {
                    follow(new Key(scope, endpoint.id()), endpoint, after, now);
                }
            }
            for (VpcEndpoint gone : before.all(ResourceTypes.VPC_ENDPOINT)) {
                if (!present.contains(gone.id())) {
                    // Removed from the world outright (reset, an import): its interfaces went with it.
                    Followed last = followed.remove(new Key(scope, gone.id()));
                    if (last != null) {
                        last.interfaces().values().forEach(eni -> publish(scope, gone.id(), eni, Step.DELETED, now));
                    }
                }
            }
        }
        seen = current;
    }

    /** Publishes what changed of one endpoint a command wrote. */
    private void follow(Key key, VpcEndpoint endpoint, ScopeState state, Instant now) {
        Followed last = followed.get(key);
        Map<String, NetworkInterface> interfaces = interfaces(state, endpoint);
        if (last == null) {
            // Created by this command: its interfaces were made and attached with it, at its creation time.
            Instant created = endpoint.creationTimestamp();
            events.publish(new EndpointStateChangedEvent(key.scope(), endpoint.id(), endpoint.vpcId(), endpoint.serviceName(), Optional.empty(),
                    endpoint.stateAt(created), created, Optional.empty()));
            interfaces.values().forEach(eni -> created(key.scope(), endpoint.id(), eni, created));
            followed.put(key, new Followed(endpoint.stateAt(created), interfaces));
            publishStateAt(key, endpoint, now);
        } else {
            for (NetworkInterface eni : interfaces.values()) {
                if (!last.interfaces().containsKey(eni.id())) {
                    created(key.scope(), endpoint.id(), eni, now);
                }
            }
            for (NetworkInterface eni : last.interfaces().values()) {
                if (!interfaces.containsKey(eni.id())) {
                    publish(key.scope(), endpoint.id(), eni, Step.DELETED, now);
                }
            }
            followed.put(key, new Followed(last.state(), interfaces));
            publishStateAt(key, endpoint, now);
        }
        scheduleNextChange(key, endpoint, now);
    }

    /** Publishes the endpoint's state at {@code now} if it is not the one last published. */
    private void publishStateAt(Key key, VpcEndpoint endpoint, Instant now) {
        Followed last = followed.get(key);
        VpcEndpointState current = endpoint.stateAt(now);
        if (last == null || last.state() == current) {
            return;
        }
        Instant at = now;
        Optional<Duration> provisioning = Optional.empty();
        if (last.state() == VpcEndpointState.PENDING && !now.isBefore(endpoint.lifecycle().readyAt())) {
            // Pending ended when its lifecycle says, whenever this is told.
            at = endpoint.lifecycle().readyAt();
            provisioning = Optional.of(Duration.between(endpoint.creationTimestamp(), at));
        } else if (last.state() == VpcEndpointState.DELETING && current == VpcEndpointState.DELETED) {
            at = endpoint.lifecycle().deletedAt();
        }
        events.publish(new EndpointStateChangedEvent(key.scope(), endpoint.id(), endpoint.vpcId(), endpoint.serviceName(), Optional.of(last.state()),
                current, at, provisioning));
        followed.put(key, new Followed(current, last.interfaces()));
    }

    /** Sets the timer for the next change that time alone makes: the end of pending or of deleting. */
    private void scheduleNextChange(Key key, VpcEndpoint endpoint, Instant now) {
        Instant next = endpoint.isBeingDeleted() ? endpoint.lifecycle().deletedAt() : endpoint.lifecycle().readyAt();
        if (next.isAfter(now)) {
            timer.schedule(() -> timeCame(key), Math.max(1, Duration.between(now, next).toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes, as the timer would, every change that time alone has made by now: for tests on a clock of their own. */
    synchronized void timePassed() {
        List.copyOf(followed.keySet()).forEach(this::timeCame);
    }

    private synchronized void timeCame(Key key) {
        Optional<VpcEndpoint> endpoint = cloud.snapshot().find(key.scope(), ResourceTypes.VPC_ENDPOINT, key.id());
        if (endpoint.isPresent() && followed.containsKey(key)) {
            Instant now = cloud.now();
            publishStateAt(key, endpoint.get(), now);
            scheduleNextChange(key, endpoint.get(), now);
        }
    }

    private void created(Scope scope, String endpointId, NetworkInterface eni, Instant at) {
        publish(scope, endpointId, eni, Step.CREATED, at);
        if (eni.attachment() != null) {
            publish(scope, endpointId, eni, Step.ATTACHED, at);
        }
        if ("in-use".equals(eni.status())) {
            publish(scope, endpointId, eni, Step.IN_USE, at);
        }
    }

    private void publish(Scope scope, String endpointId, NetworkInterface eni, Step step, Instant at) {
        events.publish(new EndpointInterfaceEvent(scope, endpointId, eni.id(), step, eni.subnetId(), eni.availabilityZone(), eni.privateIpAddress(),
                Optional.ofNullable(eni.attachment()).map(NetworkInterfaceAttachment::attachmentId), at));
    }

    private static Map<String, NetworkInterface> interfaces(ScopeState state, VpcEndpoint endpoint) {
        Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
        for (String id : endpoint.networkInterfaceIds()) {
            state.find(ResourceTypes.NETWORK_INTERFACE, id).ifPresent(eni -> interfaces.put(id, eni));
        }
        return interfaces;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
