package dev.backlane.core.model;

import static dev.backlane.core.error.ErrorCode.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of resource kinds. A new kind is added here, so the store, tags and ID checks know
 * it.
 */
public final class ResourceTypes {
    private ResourceTypes() {}

    public static final ResourceType<ResourceTags> TAGS =
            new ResourceType<>("tags", "", ResourceTags.class, INVALID_ID, "The ID '%s' is not valid", INVALID_ID);
    public static final ResourceType<IdempotencyRecord> IDEMPOTENCY = new ResourceType<>(
            "client-token", "", IdempotencyRecord.class, INVALID_ID, "The client token '%s' is not known", INVALID_ID);
    public static final ResourceType<Vpc> VPC = new ResourceType<>(
            "vpc", "vpc", Vpc.class, INVALID_VPC_ID_NOT_FOUND, "The vpc ID '%s' does not exist", INVALID_VPC_ID_MALFORMED);
    public static final ResourceType<Subnet> SUBNET = new ResourceType<>(
            "subnet", "subnet", Subnet.class, INVALID_SUBNET_ID_NOT_FOUND, "The subnet ID '%s' does not exist",
            INVALID_SUBNET_ID_MALFORMED);

    public static final ResourceType<RouteTable> ROUTE_TABLE = new ResourceType<>(
            "route-table", "rtb", RouteTable.class, INVALID_ROUTE_TABLE_ID_NOT_FOUND, "The routeTable ID '%s' does not exist",
            INVALID_ROUTE_TABLE_ID_MALFORMED);
    public static final ResourceType<SecurityGroup> SECURITY_GROUP = new ResourceType<>(
            "security-group", "sg", SecurityGroup.class, INVALID_GROUP_NOT_FOUND, "The security group '%s' does not exist",
            INVALID_GROUP_ID_MALFORMED);
    public static final ResourceType<NetworkAcl> NETWORK_ACL = new ResourceType<>(
            "network-acl", "acl", NetworkAcl.class, INVALID_NETWORK_ACL_ID_NOT_FOUND, "The networkAcl ID '%s' does not exist",
            INVALID_NETWORK_ACL_ID_MALFORMED);
    public static final ResourceType<InternetGateway> INTERNET_GATEWAY = new ResourceType<>(
            "internet-gateway", "igw", InternetGateway.class, INVALID_INTERNET_GATEWAY_ID_NOT_FOUND,
            "The internetGateway ID '%s' does not exist", INVALID_INTERNET_GATEWAY_ID_MALFORMED);
    public static final ResourceType<NetworkInterface> NETWORK_INTERFACE = new ResourceType<>(
            "network-interface", "eni", NetworkInterface.class, INVALID_NETWORK_INTERFACE_ID_NOT_FOUND,
            "The networkInterface ID '%s' does not exist", INVALID_NETWORK_INTERFACE_ID_MALFORMED);
    public static final ResourceType<VpcEndpoint> VPC_ENDPOINT = new ResourceType<>(
            "vpc-endpoint", "vpce", VpcEndpoint.class, INVALID_VPC_ENDPOINT_ID_NOT_FOUND, "The Vpc Endpoint Id '%s' does not exist",
            INVALID_VPC_ENDPOINT_ID_MALFORMED);

    public static final ResourceType<SecurityGroupRuleLocator> SECURITY_GROUP_RULE = new ResourceType<>(
            "security-group-rule", "sgr", SecurityGroupRuleLocator.class, INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND,
            "The security group rule ID '%s' does not exist", INVALID_SECURITY_GROUP_RULE_ID_MALFORMED);
    public static final ResourceType<ManagedPrefixList> PREFIX_LIST = new ResourceType<>(
            "prefix-list", "pl", ManagedPrefixList.class, INVALID_PREFIX_LIST_ID_NOT_FOUND, "The prefix list ID '%s' does not exist",
            INVALID_PREFIX_LIST_ID_MALFORMED);

    public static final ResourceType<Address> ELASTIC_IP = new ResourceType<>(
            "elastic-ip", "eipalloc", Address.class, INVALID_ALLOCATION_ID_NOT_FOUND, "The allocation ID '%s' does not exist",
            INVALID_ALLOCATION_ID_MALFORMED);
    public static final ResourceType<NatGateway> NAT_GATEWAY = new ResourceType<>(
            "natgateway", "nat", NatGateway.class, NAT_GATEWAY_NOT_FOUND, "NAT gateway %s was not found", NAT_GATEWAY_MALFORMED);

    public static final ResourceType<Instance> INSTANCE = new ResourceType<>(
            "instance", "i", Instance.class, INVALID_INSTANCE_ID_NOT_FOUND, "The instance ID '%s' does not exist",
            INVALID_INSTANCE_ID_MALFORMED);
    public static final ResourceType<Image> IMAGE = new ResourceType<>(
            "image", "ami", Image.class, INVALID_AMI_ID_NOT_FOUND, "The image id '[%s]' does not exist", INVALID_AMI_ID_MALFORMED);
    public static final ResourceType<VpcPeeringConnection> VPC_PEERING_CONNECTION = new ResourceType<>(
            "vpc-peering-connection", "pcx", VpcPeeringConnection.class, INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND,
            "The vpcPeeringConnection ID '%s' does not exist", INVALID_VPC_PEERING_CONNECTION_ID_MALFORMED);

    /** ELBv2 resources are identified by ARN, not by a prefixed ID. */
    public static final ResourceType<LoadBalancer> LOAD_BALANCER = new ResourceType<>(
            "loadbalancer", "", LoadBalancer.class, LOAD_BALANCER_NOT_FOUND, "One or more load balancers not found", VALIDATION_ERROR);
    public static final ResourceType<TargetGroup> TARGET_GROUP = new ResourceType<>(
            "targetgroup", "", TargetGroup.class, TARGET_GROUP_NOT_FOUND, "One or more target groups not found", VALIDATION_ERROR);
    public static final ResourceType<Listener> LISTENER = new ResourceType<>(
            "listener", "", Listener.class, LISTENER_NOT_FOUND, "One or more listeners not found", VALIDATION_ERROR);

    /** Providers' endpoint services and connection notifications. */
    public static final ResourceType<EndpointServiceConfiguration> VPC_ENDPOINT_SERVICE = new ResourceType<>(
            "vpc-endpoint-service", "vpce-svc", EndpointServiceConfiguration.class, INVALID_VPC_ENDPOINT_SERVICE_ID_NOT_FOUND,
            "The VpcEndpointService Id '%s' does not exist", INVALID_VPC_ENDPOINT_SERVICE_ID_MALFORMED);
    public static final ResourceType<ConnectionNotification> CONNECTION_NOTIFICATION = new ResourceType<>(
            "vpc-endpoint-connection-notification", "vpce-nfn", ConnectionNotification.class, INVALID_CONNECTION_NOTIFICATION,
            "The connection notification ID '%s' does not exist", INVALID_CONNECTION_NOTIFICATION);
    public static final ResourceType<NetworkInsightsPath> NETWORK_INSIGHTS_PATH = new ResourceType<>(
            "network-insights-path", "nip", NetworkInsightsPath.class, INVALID_NETWORK_INSIGHTS_PATH_ID_NOT_FOUND,
            "The NetworkInsightsPath ID '%s' does not exist", INVALID_NETWORK_INSIGHTS_PATH_ID_MALFORMED);
    public static final ResourceType<NetworkInsightsAnalysis> NETWORK_INSIGHTS_ANALYSIS = new ResourceType<>(
            "network-insights-analysis", "nia", NetworkInsightsAnalysis.class, INVALID_NETWORK_INSIGHTS_ANALYSIS_ID_NOT_FOUND,
            "The NetworkInsightsAnalysis ID '%s' does not exist", INVALID_NETWORK_INSIGHTS_ANALYSIS_ID_MALFORMED);
    /** Flow logs have one error code for malformed and unknown IDs, as DeleteFlowLogs reports both. */
    public static final ResourceType<FlowLog> FLOW_LOG = new ResourceType<>(
            "vpc-flow-log", "fl", FlowLog.class, INVALID_FLOW_LOG_ID_NOT_FOUND, "Flow log %s does not exist", INVALID_FLOW_LOG_ID_NOT_FOUND);
    /** An account's pinned zone mapping in a region; its ID is the region's name. */
    public static final ResourceType<ZoneMapping> ZONE_MAPPING = new ResourceType<>(
            "zone-mapping", "", ZoneMapping.class, INVALID_PARAMETER_VALUE, "No zone mapping is pinned for '%s'", INVALID_PARAMETER_VALUE);

    /** CloudWatch Logs resources are identified by name: a group's, {@code group:stream}, and a batch's position in its stream. */
    public static final ResourceType<LogGroup> LOG_GROUP = new ResourceType<>(
            "log-group", "", LogGroup.class, RESOURCE_NOT_FOUND_EXCEPTION, "The specified log group does not exist.", INVALID_PARAMETER_EXCEPTION);
    public static final ResourceType<LogStream> LOG_STREAM = new ResourceType<>(
            "log-stream", "", LogStream.class, RESOURCE_NOT_FOUND_EXCEPTION, "The specified log stream does not exist.",
            INVALID_PARAMETER_EXCEPTION);
    public static final ResourceType<LogEventBatch> LOG_EVENT_BATCH = new ResourceType<>(
            "log-event-batch", "", LogEventBatch.class, RESOURCE_NOT_FOUND_EXCEPTION, "The log events '%s' do not exist.",
            INVALID_PARAMETER_EXCEPTION);

    /** Route 53 Resolver query logging: configurations ({@code rqlc-}) and their VPC associations ({@code rqlca-}). */
    public static final ResourceType<ResolverQueryLogConfig> RESOLVER_QUERY_LOG_CONFIG = new ResourceType<>(
            "resolver-query-log-config", "rqlc", ResolverQueryLogConfig.class, RESOURCE_NOT_FOUND_EXCEPTION,
            "The query logging configuration with ID '%s' does not exist.", RESOURCE_NOT_FOUND_EXCEPTION);
    public static final ResourceType<ResolverQueryLogConfigAssociation> RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION = new ResourceType<>(
            "resolver-query-log-config-association", "rqlca", ResolverQueryLogConfigAssociation.class, RESOURCE_NOT_FOUND_EXCEPTION,
            "The query logging association with ID '%s' does not exist.", RESOURCE_NOT_FOUND_EXCEPTION);

    /** AWS FIS experiment templates and experiments, identified by FIS's IDs ({@code EXT…}, {@code EXP…}). */
    public static final ResourceType<FisExperimentTemplate> FIS_EXPERIMENT_TEMPLATE = new ResourceType<>(
            "experiment-template", "", FisExperimentTemplate.class, RESOURCE_NOT_FOUND_EXCEPTION, "Experiment template not found.",
            VALIDATION_EXCEPTION);
    public static final ResourceType<FisExperiment> FIS_EXPERIMENT = new ResourceType<>(
            "experiment", "", FisExperiment.class, RESOURCE_NOT_FOUND_EXCEPTION, "Experiment not found.", VALIDATION_EXCEPTION);
    /**
     * Injected faults ({@code fault-…}), kept in the scope of the account and region they name (the server's default
     * scope when they name none) so that their time boxes hold across a restart.
     */
    public static final ResourceType<FaultRecord> FAULT = new ResourceType<>(
            "fault", "", FaultRecord.class, INVALID_PARAMETER_VALUE, "The fault '%s' does not exist", INVALID_PARAMETER_VALUE);

    /**
     * CloudWatch metric alarms, identified by name, and their history (kept after an alarm is deleted, as on AWS), so that
     * both, and the alarms' states, survive a restart.
     */
    public static final ResourceType<AlarmRecord> ALARM = new ResourceType<>(
            "alarm", "", AlarmRecord.class, RESOURCE_NOT_FOUND, "Alarm %s does not exist.", INVALID_PARAMETER_VALUE);
    public static final ResourceType<AlarmHistoryRecord> ALARM_HISTORY = new ResourceType<>(
            "alarm-history", "", AlarmHistoryRecord.class, RESOURCE_NOT_FOUND, "Alarm history item %s does not exist.", INVALID_PARAMETER_VALUE);

    /**
     * STS role sessions, by their temporary credentials' access key ID, in the role's account, so that the credentials act
     * as the session across a restart and are refused once expired.
     */
    public static final ResourceType<StsSessionRecord> STS_SESSION = new ResourceType<>(
            "sts-session", "", StsSessionRecord.class, INVALID_PARAMETER_VALUE, "The session '%s' does not exist", INVALID_PARAMETER_VALUE);

    private static final List<ResourceType<?>> ALL = List.of(TAGS, IDEMPOTENCY, VPC, SUBNET, ROUTE_TABLE, SECURITY_GROUP, NETWORK_ACL,
            INTERNET_GATEWAY, NETWORK_INTERFACE, SECURITY_GROUP_RULE, PREFIX_LIST, ELASTIC_IP, NAT_GATEWAY, VPC_ENDPOINT, LOAD_BALANCER,
            TARGET_GROUP, LISTENER, INSTANCE, IMAGE, VPC_PEERING_CONNECTION, VPC_ENDPOINT_SERVICE, CONNECTION_NOTIFICATION,
            NETWORK_INSIGHTS_PATH, NETWORK_INSIGHTS_ANALYSIS, ZONE_MAPPING, LOG_GROUP, LOG_STREAM, LOG_EVENT_BATCH, FLOW_LOG,
            RESOLVER_QUERY_LOG_CONFIG, RESOLVER_QUERY_LOG_CONFIG_ASSOCIATION, FIS_EXPERIMENT_TEMPLATE, FIS_EXPERIMENT, FAULT,
            ALARM, ALARM_HISTORY, STS_SESSION);

    private static final Map<String, ResourceType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(ResourceType::name, Function.identity()));

    public static List<ResourceType<?>> all() {
        return ALL;
    }

    public static Optional<ResourceType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The kind whose IDs carry this ID's prefix, e.g. {@code VPC} for {@code vpc-0a1b...}. */
    public static Optional<ResourceType<?>> byId(String id) {
        String prefix = ResourceIds.prefixOf(id);
        return ALL.stream().filter(type -> !type.idPrefix().isEmpty() && type.idPrefix().equals(prefix)).findFirst();
    }
}
