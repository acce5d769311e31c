package dev.backlane.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.model.Address;
import dev.backlane.core.model.ConnectivityType;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.FlowLog;
import dev.backlane.core.model.FlowLogDestinationOptions;
import dev.backlane.core.model.FlowLogDestinationType;
import dev.backlane.core.model.FlowLogResourceType;
import dev.backlane.core.model.FlowLogTrafficType;
import dev.backlane.core.model.HealthCheck;
import dev.backlane.core.model.Lifecycle;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogEventBatch;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.NatGateway;
import dev.backlane.core.model.NatGatewayAddress;
import dev.backlane.core.model.ObservedHealth;
import dev.backlane.core.model.ResolverQueryLogConfig;
import dev.backlane.core.model.ResolverQueryLogConfigAssociation;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Target;
import dev.backlane.core.model.TargetGroup;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.core.model.TargetType;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.model.VpcEndpointType;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResourceCodecTest {
    private final ResourceCodec codec = new ResourceCodec();

    @Test
    void natGatewayWithTimesSurvivesTheStore() {
        NatGateway gateway = new NatGateway("nat-00000000000000001", "subnet-00000000000000001", "vpc-00000000000000001", "us-east-1a",
                ConnectivityType.PUBLIC, List.of(new NatGatewayAddress("eni-00000000000000001", "10.0.0.4", "eipalloc-00000000000000001", "3.4.5.6",
                        "eipassoc-00000000000000001", true)),
                Instant.parse("2026-01-02T03:04:05.123Z"), Instant.parse("2026-01-02T04:00:00Z"));
        assertEquals(gateway, codec.decode(ResourceTypes.NAT_GATEWAY, codec.encode(gateway)));
        String before = codec.encode(gateway).replace("\"PUBLIC\"", "\"public\"");
        assertEquals(gateway, codec.decode(ResourceTypes.NAT_GATEWAY, before));
    }

    @Test
    void logGroupsStreamsAndEventsSurviveTheStore() {
        LogGroup group = new LogGroup("/aws/vpc/flow", Instant.parse("2026-01-02T03:04:05.123Z"), 7, null, "STANDARD",
                new TreeMap<>(java.util.Map.of("team", "net")));
        assertEquals(group, codec.decode(ResourceTypes.LOG_GROUP, codec.encode(group)));
        LogStream stream = LogStream.created("/aws/vpc/flow", "eni-1-all", Instant.parse("2026-01-02T03:04:05Z")).appended(10, 20, 30, 40);
        assertEquals(stream, codec.decode(ResourceTypes.LOG_STREAM, codec.encode(stream)));
        LogEventBatch batch = LogEventBatch.of("/aws/vpc/flow", "eni-1-all", 0, 30, List.of(new LogEvent(10, "a b"), new LogEvent(20, "ü")));
        assertEquals(batch, codec.decode(ResourceTypes.LOG_EVENT_BATCH, codec.encode(batch)));
    }

    @Test
    void flowLogsAndQueryLoggingSurviveTheStore() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123Z");
        FlowLog flowLog = new FlowLog("fl-00000000000000001", "vpc-00000000000000001", FlowLogResourceType.VPC, FlowLogTrafficType.REJECT,
                FlowLogDestinationType.S3, "arn:aws:s3:::flows/vpc", null, null, null, "${srcaddr} ${action}", 60,
                new FlowLogDestinationOptions("parquet", true, false), created, FlowLog.DELIVERY_FAILED, "Access error");
        assertEquals(flowLog, codec.decode(ResourceTypes.FLOW_LOG, codec.encode(flowLog)));
        ResolverQueryLogConfig config = new ResolverQueryLogConfig("rqlc-0123456789abcdef", "dns", "arn:aws:s3:::dns", "request-1", created,
                created.plusSeconds(1));
        assertEquals(config, codec.decode(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG, codec.encode(config)));
        ResolverQueryLogConfigAssociation association = new ResolverQueryLogConfigAssociation("rqlca-0123456789abcdef", config.id(),
                "vpc-00000000000000001", created, created.plusSeconds(1));
        assertEquals(association, codec.decode(ResourceTypes.RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION, codec.encode(association)));
    }

    @Test
    void addressSurvivesTheStore() {
        Address address = Address.allocated("eipalloc-00000000000000001", "3.4.5.6", "us-east-1")
                .associatedWith("eipassoc-00000000000000001", "eni-00000000000000001", "10.0.0.4");
        assertEquals(address, codec.decode(ResourceTypes.ELASTIC_IP, codec.encode(address)));
    }

    @Test
    void vpcEndpointSurvivesTheStore() {
        VpcEndpoint endpoint = new VpcEndpoint("vpce-00000000000000001", "vpc-00000000000000001", "com.amazonaws.us-east-1.ec2", "us-east-1",
                VpcEndpointType.INTERFACE, VpcEndpointState.PENDING_ACCEPTANCE, null, List.of(), List.of("subnet-00000000000000001"),
                List.of("sg-00000000000000001"), List.of("eni-00000000000000001"), true, "ipv4", "ipv4", false, "0a1b2c3d",
                Instant.parse("2026-01-02T03:04:05.123Z"));
        assertEquals(endpoint, codec.decode(ResourceTypes.VPC_ENDPOINT, codec.encode(endpoint)));
    }

    @Test
    void deletedEndpointKeepsItsLifecycleAndRowsFromBeforeLifecyclesAreSettled() {
        Instant created = Instant.parse("2026-01-02T03:04:05Z");
        VpcEndpoint endpoint = new VpcEndpoint("vpce-00000000000000001", "vpc-00000000000000001", "com.amazonaws.us-east-1.ec2", "us-east-1",
                VpcEndpointType.INTERFACE, VpcEndpointState.AVAILABLE, null, List.of(), List.of("subnet-00000000000000001"), List.of(),
                List.of("eni-00000000000000001"), false, "ipv4", "ipv4", false, "0a1b2c3d", created, Lifecycle.readyAt(created.plusSeconds(1)))
                .deleting(created.plusSeconds(10), created.plusSeconds(70));
        VpcEndpoint decoded = codec.decode(ResourceTypes.VPC_ENDPOINT, codec.encode(endpoint));
        assertEquals(endpoint, decoded);
        assertEquals(VpcEndpointState.DELETING, decoded.stateAt(created.plusSeconds(9)));

        String before = codec.encode(endpoint).replaceFirst(",\"lifecycle\":\\{[^}]*\\}", "");
        assertEquals(false, before.contains("lifecycle"), before);
        assertEquals(VpcEndpointState.AVAILABLE, codec.decode(ResourceTypes.VPC_ENDPOINT, before).stateAt(created));
    }

    @Test
    void targetGroupKeepsItsTargetTypeAndRowsWithAwsLowerCaseNamesStillRead() {
        TargetGroup group = new TargetGroup("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef", "web", ElbProtocol.TCP,
                null, 80, "vpc-00000000000000001", TargetType.IP, "ipv4",
                new HealthCheck(true, ElbProtocol.TCP, "traffic-port", 30, 10, 5, 2, null, null), new TreeMap<>(), List.of());
        String encoded = codec.encode(group);
        assertEquals(group, codec.decode(ResourceTypes.TARGET_GROUP, encoded));

        String before = encoded.replace("\"targetType\":\"IP\"", "\"targetType\":\"ip\"");
        assertEquals(true, before.contains("\"ip\""), before);
        assertEquals(TargetType.IP, codec.decode(ResourceTypes.TARGET_GROUP, before).targetType());
    }

    @Test
    void aTargetsObservedHealthSurvivesTheStoreAndRowsFromBeforeItReadAsNotObserved() {
        Instant registered = Instant.parse("2026-12-07T10:00:00Z");
        Target observed = new Target("10.0.1.10", 80, "us-east-1a", registered).withObservedHealth(new ObservedHealth(TargetHealthState.UNHEALTHY,
                TargetHealthReason.RESPONSE_CODE_MISMATCH, "Health checks failed with these codes: [500]", registered.plusSeconds(60)));
        TargetGroup group = new TargetGroup("arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/web/0123456789abcdef", "web", ElbProtocol.TCP,
                null, 80, "vpc-00000000000000001", TargetType.IP, "ipv4",
                new HealthCheck(true, ElbProtocol.TCP, "traffic-port", 30, 10, 5, 2, null, null), new TreeMap<>(), List.of(observed));
        String encoded = codec.encode(group);
        assertEquals(group, codec.decode(ResourceTypes.TARGET_GROUP, encoded));

        String before = encoded.replaceFirst(",\"observedHealth\":\\{[^}]*\\}", "");
        assertEquals(false, before.contains("observedHealth"), before);
        assertEquals(null, codec.decode(ResourceTypes.TARGET_GROUP, before).targets().get(0).observedHealth());
    }
}
