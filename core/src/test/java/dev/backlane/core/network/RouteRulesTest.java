package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.Lifecycle;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.RouteTable;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.RouteTarget.Destination;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Scope SCOPE = new Scope("111111111111", "us-east-1");

    private final Quotas quotas = Quotas.awsDefaults();
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(quotas)), ChangeSink.none());
    private final RouteTableCommands tables = new RouteTableCommands(quotas);
    private final RouteCommands routes = new RouteCommands(quotas, new PrefixListLookup(dev.backlane.core.data.AwsPrefixListCatalog.standard()));
    private final InternetGatewayCommands gateways = new InternetGatewayCommands(quotas);

    @Test
    void destinationsAreCanonicalAndExactlyOne() {
        assertEquals("2600:1f00::/56", Destination.parse(null, "2600:1F00:0::/56", null).ipv6());
        assertEquals(ErrorCode.MISSING_PARAMETER, assertThrows(AwsException.class, () -> Destination.parse(null, null, null)).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION,
                assertThrows(AwsException.class, () -> Destination.parse("0.0.0.0/0", null, "pl-12345678")).code());
        assertEquals(ErrorCode.INVALID_PREFIX_LIST_ID_MALFORMED,
                assertThrows(AwsException.class, () -> Destination.parse(null, null, "pl-1234")).code());
        assertEquals("pl-0123456789abcdef0", Destination.parse(null, null, "pl-0123456789abcdef0").prefixList());
    }

    @Test
    void routeStateFollowsTheInternetGatewayAttachment() {
        String[] ids = cloud.write(SCOPE, transaction -> {
            Vpc vpc = new VpcCommands(quotas).create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null));
            RouteTable table = tables.create(transaction, vpc.id());
            InternetGateway gateway = gateways.create(transaction);
            gateways.attach(transaction, gateway.id(), vpc.id());
            routes.create(transaction, table.id(), Destination.parse("0.0.0.0/0", null, null), RouteTarget.gateway(gateway.id()));
            return new String[] {vpc.id(), table.id(), gateway.id()};
        });
        assertEquals(RouteStates.ACTIVE, stateOf(ids[1], "0.0.0.0/0", NOW));
        assertEquals(RouteStates.ACTIVE, stateOf(ids[1], "10.0.0.0/16", NOW));
        cloud.write(SCOPE, transaction -> {
            gateways.detach(transaction, ids[2], ids[0]);
            return null;
        });
        assertEquals(RouteStates.BLACKHOLE, stateOf(ids[1], "0.0.0.0/0", NOW));
    }

    @Test
    void natGatewayStatesFollowItsLifecycle() {
        NatGateway gateway = new NatGateway("nat-00000000000000001", "subnet-00000000000000001", "vpc-00000000000000001", "us-east-1a",
                ConnectivityType.PRIVATE, List.of(), NOW, null, Lifecycle.readyAt(NOW.plusSeconds(5)));
        assertEquals(NatGateway.State.PENDING, gateway.state(NOW.plusSeconds(4)));
        assertEquals(NatGateway.State.AVAILABLE, gateway.state(NOW.plusSeconds(5)));
        NatGateway deleted = gateway.deletedAt(NOW.plusSeconds(10), NOW.plusSeconds(12), NOW.plusSeconds(100));
        assertEquals(NOW.plusSeconds(10), deleted.deleteTime());
        assertEquals(NatGateway.State.DELETING, deleted.state(NOW.plusSeconds(11)));
        assertEquals(NatGateway.State.DELETED, deleted.state(NOW.plusSeconds(12)));
        assertEquals(true, deleted.isVisibleAt(NOW.plusSeconds(99)));
        assertEquals(false, deleted.isVisibleAt(NOW.plusSeconds(100)));
    }

    @Test
    void natGatewayFromASnapshotIsSettledAndDescribedForAnHourAfterDeletion() {
        NatGateway deleted = new NatGateway("nat-00000000000000001", "subnet-00000000000000001", "vpc-00000000000000001", "us-east-1a",
                ConnectivityType.PRIVATE, List.of(), NOW, NOW.plusSeconds(10));
        assertEquals(NatGateway.State.DELETED, deleted.state(NOW.plusSeconds(10)));
        assertEquals(true, deleted.isVisibleAt(NOW.plusSeconds(10).plus(Duration.ofHours(1)).minusMillis(1)));
        assertEquals(false, deleted.isVisibleAt(NOW.plusSeconds(10).plus(Duration.ofHours(1))));
    }

    @Test
    void routeLimitCountsOnlyUserRoutes() {
        RouteCommands limited = new RouteCommands(quotas.with("routes-per-route-table", 1), new PrefixListLookup(dev.backlane.core.data.AwsPrefixListCatalog.standard()));
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> {
            Vpc vpc = new VpcCommands(quotas).create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null));
            RouteTable table = tables.create(transaction, vpc.id());
            InternetGateway gateway = gateways.create(transaction);
            gateways.attach(transaction, gateway.id(), vpc.id());
            limited.create(transaction, table.id(), Destination.parse("0.0.0.0/0", null, null), RouteTarget.gateway(gateway.id()));
            return limited.create(transaction, table.id(), Destination.parse("1.0.0.0/8", null, null), RouteTarget.gateway(gateway.id()));
        }));
        assertEquals(ErrorCode.ROUTE_LIMIT_EXCEEDED, error.code());
        assertEquals(1, cloud.snapshot(SCOPE).scope(SCOPE).all(ResourceTypes.VPC).size(), "the failed command changed nothing");
    }

    private String stateOf(String tableId, String destination, Instant at) {
        var state = cloud.snapshot(SCOPE).scope(SCOPE);
        RouteTable table = state.find(ResourceTypes.ROUTE_TABLE, tableId).orElseThrow();
        Route route = table.routes().stream().filter(candidate -> destination.equals(candidate.destination())).findFirst().orElseThrow();
        return RouteStates.of(state, table, route, at);
    }
}
