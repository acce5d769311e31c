package dev.backlane.core.elb;

import static dev.backlane.core.elb.ElbWorld.CERTIFICATE;
import static dev.backlane.core.elb.ElbWorld.SCOPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.Listener;
import dev.backlane.core.model.LoadBalancer;
import dev.backlane.core.model.LoadBalancerType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Listeners in core, without the wire: which protocols each load balancer type takes, which target
 * groups a listener can forward to, and what creating, changing and deleting leave in the state.
 */
class ListenerCommandsTest {
    private final ElbWorld world = new ElbWorld();
    private final LoadBalancer network = world.loadBalancer("net", LoadBalancerType.NETWORK);
    private final TargetGroup tcp = world.targetGroup("tcp", ElbProtocol.TCP, 80, TargetType.IP);

    @Test
    void aTcpListenerForwardsToATcpGroupAndKeepsItsDefaults() {
        Listener listener = world.listener(network, ElbProtocol.TCP, 80, tcp);

        Listener stored = world.find(ResourceTypes.LISTENER, listener.id());
        assertEquals(ElbProtocol.TCP, stored.protocol());
        assertEquals(80, stored.port());
        assertEquals(network.id(), stored.loadBalancerArn());
        assertEquals(1, stored.defaultActions().get(0).order());
        assertNull(stored.sslPolicy());
        assertEquals("350", stored.attributes().get("tcp.idle_timeout.seconds"));
    }

    @Test
    void aTlsListenerNeedsACertificateAndGetsAwsDefaultPolicy() {
        AwsException error = assertThrows(AwsException.class, () -> world.listener(network, ElbProtocol.TLS, 443, tcp));
        assertEquals(ErrorCode.VALIDATION_ERROR, error.code());
        assertEquals("A certificate must be specified for TLS listeners", error.getMessage());

        Listener listener = world.listener(network, ElbProtocol.TLS, 443, tcp, CERTIFICATE);
        assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", listener.sslPolicy());
        assertEquals(List.of(CERTIFICATE), listener.certificateArns());
    }

    @Test
    void aNetworkLoadBalancerRefusesApplicationAndUnemulatedProtocols() {
        for (ElbProtocol protocol : List.of(ElbProtocol.HTTP, ElbProtocol.HTTPS, ElbProtocol.GENEVE, ElbProtocol.QUIC, ElbProtocol.TCP_QUIC)) {
            AwsException error = assertThrows(AwsException.class, () -> world.listener(network, protocol, 80, tcp, CERTIFICATE));
            assertEquals(ErrorCode.INCOMPATIBLE_PROTOCOLS, error.code());
            assertEquals("Listener protocol '" + protocol.wireName() + "' is not supported for load balancers of type 'network'", error.getMessage());
        }
        assertEquals(List.of(), List.copyOf(world.cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.LISTENER)));
    }

    @Test
    void eachNetworkListenerProtocolForwardsOnlyToTheGroupsItCanCarry() {
        TargetGroup udp = world.targetGroup("udp", ElbProtocol.UDP, 53, TargetType.IP);
        TargetGroup both = world.targetGroup("both", ElbProtocol.TCP_UDP, 53, TargetType.IP);

        AwsException tcpToUdp = assertThrows(AwsException.class, () -> world.listener(network, ElbProtocol.TCP, 80, udp));
        assertEquals(ErrorCode.INCOMPATIBLE_PROTOCOLS, tcpToUdp.code());
        assertEquals("Listener protocol 'TCP' is not compatible with target group protocol 'UDP' of '" + udp.id() + "'", tcpToUdp.getMessage());
        assertEquals(ErrorCode.INCOMPATIBLE_PROTOCOLS, assertThrows(AwsException.class,
                () -> world.listener(network, ElbProtocol.TCP_UDP, 53, udp)).code());

        assertEquals(ElbProtocol.UDP, world.listener(network, ElbProtocol.UDP, 53, both).protocol());
        assertEquals(ElbProtocol.TLS, world.listener(network, ElbProtocol.TLS, 443, tcp, CERTIFICATE).protocol());
    }

    @Test
    void anApplicationLoadBalancerTakesHttpToHttpGroups() {
        LoadBalancer application = world.loadBalancer("app", LoadBalancerType.APPLICATION);
        TargetGroup http = world.targetGroup("http", ElbProtocol.HTTP, 80, TargetType.IP);

        assertEquals(ErrorCode.INCOMPATIBLE_PROTOCOLS, assertThrows(AwsException.class,
                () -> world.listener(application, ElbProtocol.HTTP, 80, tcp)).code());
        assertEquals(ErrorCode.INCOMPATIBLE_PROTOCOLS, assertThrows(AwsException.class,
                () -> world.listener(application, ElbProtocol.TCP, 80, http)).code());
        assertEquals(ElbProtocol.HTTP, world.listener(application, ElbProtocol.HTTP, 80, http).protocol());
    }

    @Test
    void aGatewayLoadBalancersOneListenerHasNoProtocolOrPort() {
        LoadBalancer gateway = world.loadBalancer("gwy", LoadBalancerType.GATEWAY);
        TargetGroup geneve = world.targetGroup("geneve", ElbProtocol.GENEVE, 6081, TargetType.IP);

        AwsException withProtocol = assertThrows(AwsException.class, () -> world.listener(gateway, ElbProtocol.GENEVE, 6081, geneve));
        assertEquals(ErrorCode.VALIDATION_ERROR, withProtocol.code());
        Listener listener = world.listener(gateway, null, null, geneve);
        assertNull(listener.protocol());
        assertEquals(ErrorCode.DUPLICATE_LISTENER, assertThrows(AwsException.class, () -> world.listener(gateway, null, null, geneve)).code());
    }

    @Test
    void aPortHoldsOneListenerAndAGroupServesOneLoadBalancer() {
        world.listener(network, ElbProtocol.TCP, 80, tcp);
        LoadBalancer other = world.loadBalancer("other", LoadBalancerType.NETWORK);

        assertEquals(ErrorCode.DUPLICATE_LISTENER, assertThrows(AwsException.class, () -> world.listener(network, ElbProtocol.TCP, 80, tcp)).code());
        AwsException shared = assertThrows(AwsException.class, () -> world.listener(other, ElbProtocol.TCP, 80, tcp));
        assertEquals(ErrorCode.TARGET_GROUP_ASSOCIATION_LIMIT, shared.code());
        assertEquals(ElbProtocol.TCP, world.listener(network, ElbProtocol.TCP, 81, tcp).protocol());
    }

    @Test
    void modifyingKeepsWhatIsNotNamedAndChecksTheResult() {
        Listener listener = world.listener(network, ElbProtocol.TCP, 80, tcp);

        Listener moved = world.cloud.write(SCOPE, transaction -> world.listeners.modify(transaction, listener.id(),
                new ListenerCommands.ListenerSettings(null, 8080, List.of(), List.of(), null)));
        assertEquals(ElbProtocol.TCP, moved.protocol());
        assertEquals(8080, moved.port());
        assertEquals(listener.defaultActions(), moved.defaultActions());

        AwsException noCertificate = assertThrows(AwsException.class, () -> world.cloud.write(SCOPE, transaction -> world.listeners.modify(
                transaction, listener.id(), new ListenerCommands.ListenerSettings(ElbProtocol.TLS, null, List.of(), List.of(), null))));
        assertEquals(ErrorCode.VALIDATION_ERROR, noCertificate.code());
        assertEquals(moved, world.find(ResourceTypes.LISTENER, listener.id()));
    }

    @Test
    void listenerAttributesAreCheckedAgainstTheirKnownKeysAndRanges() {
        Listener listener = world.listener(network, ElbProtocol.TCP, 80, tcp);

        Listener changed = world.cloud.write(SCOPE, transaction -> world.listeners.modifyAttributes(transaction, listener.id(),
                Map.of("tcp.idle_timeout.seconds", "600")));
        assertEquals("600", changed.attributes().get("tcp.idle_timeout.seconds"));
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class, () -> world.cloud.write(SCOPE, transaction ->
                world.listeners.modifyAttributes(transaction, listener.id(), Map.of("tcp.idle_timeout.seconds", "30")))).code());
        assertEquals(ErrorCode.VALIDATION_ERROR, assertThrows(AwsException.class, () -> world.cloud.write(SCOPE, transaction ->
                world.listeners.modifyAttributes(transaction, listener.id(), Map.of("no.such.key", "1")))).code());
    }

    @Test
    void aDeletedListenerIsGoneAndCannotBeDeletedAgain() {
        Listener listener = world.listener(network, ElbProtocol.TCP, 80, tcp);

        world.cloud.write(SCOPE, transaction -> {
            world.listeners.delete(transaction, listener.id());
            return null;
        });

        assertEquals(List.of(), List.copyOf(world.cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.LISTENER)));
        AwsException again = assertThrows(AwsException.class, () -> world.cloud.write(SCOPE, transaction -> {
            world.listeners.delete(transaction, listener.id());
            return null;
        }));
        assertEquals(ErrorCode.LISTENER_NOT_FOUND, again.code());
    }
}
