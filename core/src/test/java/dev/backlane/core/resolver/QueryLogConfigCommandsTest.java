package dev.backlane.core.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.LogGroupCommands;
import dev.backlane.core.logs.LogLimits;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.core.event.DnsQueryEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Resolver query logging in core: destinations, CreatorRequestId retries, states over time, associations and deletion. */
class QueryLogConfigCommandsTest {
    private static final Scope SCOPE = new Scope("111122223333", "eu-west-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final String BUCKET = "arn:aws:s3:::dns-logs";

    private final VpcCommands vpcs = new VpcCommands(Quotas.awsDefaults());
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(NOW), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final QueryLogConfigCommands commands = new QueryLogConfigCommands();

    @Test
    void aNewConfigIsCreatingForASecondThenCreated() {
        ResolverQueryLogConfig config = write(t -> commands.create(t, "dns-logs", BUCKET, "request-1"));

        assertTrue(config.id().matches("rqlc-[0-9a-f]{16}"), config.id());
        assertEquals("CREATING", config.status(NOW));
        assertEquals("CREATED", config.status(NOW.plusSeconds(1)));
        assertEquals("arn:aws:route53resolver:eu-west-1:111122223333:resolver-query-log-config/" + config.id(), config.arn(SCOPE));
    }

    @Test
    void aRetryWithTheSameCreatorRequestIdReturnsTheSameConfigAndOtherParametersAreRefused() {
        ResolverQueryLogConfig first = write(t -> commands.create(t, "dns-logs", BUCKET, "request-1"));

        assertEquals(first, write(t -> commands.create(t, "dns-logs", BUCKET, "request-1")));
        assertEquals(ErrorCode.RESOURCE_EXISTS_EXCEPTION, refused(t -> commands.create(t, "other", BUCKET, "request-1")).code());
    }

    @Test
    void aLogGroupOfTheCallerMustExistWhileOtherDestinationsAreTakenOnTrust() {
        String group = "arn:aws:logs:eu-west-1:111122223333:log-group:/dns/queries";

        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, refused(t -> commands.create(t, "dns-logs", group, "request-1")).code());
        write(t -> new LogGroupCommands(LogLimits.standard()).create(t, "/dns/queries", null, null, Map.of()));
        assertEquals(group, write(t -> commands.create(t, "dns-logs", group, "request-1")).destinationArn());
        write(t -> commands.create(t, "firehose", "arn:aws:firehose:eu-west-1:111122223333:deliverystream/dns", "request-2"));
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, refused(t -> commands.create(t, "bad", "arn:aws:sns:eu-west-1:1:x", "r3")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, refused(t -> commands.create(t, "12345", BUCKET, "r4")).code());
    }

    @Test
    void aVpcIsAssociatedOnceAndTheConfigCannotBeDeletedUntilItIsDisassociated() {
        String configId = write(t -> commands.create(t, "dns-logs", BUCKET, "request-1")).id();
        String vpcId = write(t -> vpcs.create(t, new VpcCommands.CreateVpc("10.0.0.0/16", false, null))).id();

        ResolverQueryLogConfigAssociation association = write(t -> commands.associate(t, configId, vpcId));
        assertTrue(association.id().matches("rqlca-[0-9a-f]{16}"), association.id());
        assertEquals("ACTIVE", association.status(NOW.plusSeconds(1)));
        assertEquals(ErrorCode.RESOURCE_EXISTS_EXCEPTION, refused(t -> commands.associate(t, configId, vpcId)).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_EXCEPTION, refused(t -> commands.associate(t, configId, "vpc-0123456789abcdef0")).code());
        assertEquals(ErrorCode.INVALID_REQUEST_EXCEPTION, refused(t -> commands.delete(t, configId)).code());

        write(t -> commands.disassociate(t, configId, vpcId));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, refused(t -> commands.disassociate(t, configId, vpcId)).code());
        write(t -> commands.delete(t, configId));
        assertEquals(0, cloud.snapshot(SCOPE).scope(SCOPE).count(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG));
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, refused(t -> commands.delete(t, configId)).code());
    }

    @Test
    void aQueryIsLoggedToTheConfigsAssociatedWithItsVpcOnceTheAssociationIsActive() {
        String vpcId = write(t -> vpcs.create(t, new VpcCommands.CreateVpc("10.0.0.0/16", false, null))).id();
        String otherVpc = write(t -> vpcs.create(t, new VpcCommands.CreateVpc("10.1.0.0/16", false, null))).id();
        ResolverQueryLogConfig config = write(t -> commands.create(t, "dns-logs", BUCKET, "request-1"));
        write(t -> commands.create(t, "unused", BUCKET, "request-2"));
        write(t -> commands.associate(t, config.id(), vpcId));
        DnsQueryEvent query = new DnsQueryEvent(SCOPE.account(), SCOPE.region(), vpcId, NOW, "example.com.", "A", "IN", "NOERROR", List.of(),
                "10.0.1.4", 53000, "UDP", Map.of());

        assertEquals(List.of(), QueryLogRouting.configsOf(cloud.snapshot(), query, NOW), "the association is still CREATING");
        assertEquals(List.of(config), QueryLogRouting.configsOf(cloud.snapshot(), query, NOW.plusSeconds(60)));
        DnsQueryEvent elsewhere = new DnsQueryEvent(SCOPE.account(), SCOPE.region(), otherVpc, NOW, "example.com.", "A", "IN", "NOERROR", List.of(),
                "10.1.0.4", 53000, "UDP", Map.of());
        assertEquals(List.of(), QueryLogRouting.configsOf(cloud.snapshot(), elsewhere, NOW.plusSeconds(60)));
    }

    private <R> R write(Function<dev.backlane.core.world.Transaction, R> command) {
        return cloud.write(SCOPE, command);
    }

    private AwsException refused(Function<dev.backlane.core.world.Transaction, ?> command) {
        return assertThrows(AwsException.class, () -> cloud.write(SCOPE, command));
    }
}
