package dev.backlane.core.flowlog;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The fields of a VPC flow log record, in the order of AWS's "Available fields" table, each with the
 * record version that introduced it (a custom format's records carry the highest version of their
 * fields). Versions 2 to 8 are listed; later fields are not accepted yet.
 */
public enum FlowLogField {
    VERSION("version", 2),
    ACCOUNT_ID("account-id", 2),
    INTERFACE_ID("interface-id", 2),
    SRCADDR("srcaddr", 2),
    DSTADDR("dstaddr", 2),
    SRCPORT("srcport", 2),
    DSTPORT("dstport", 2),
    PROTOCOL("protocol", 2),
    PACKETS("packets", 2),
    BYTES("bytes", 2),
    START("start", 2),
    END("end", 2),
    ACTION("action", 2),
    LOG_STATUS("log-status", 2),
    VPC_ID("vpc-id", 3),
    SUBNET_ID("subnet-id", 3),
    INSTANCE_ID("instance-id", 3),
    TCP_FLAGS("tcp-flags", 3),
    TYPE("type", 3),
    PKT_SRCADDR("pkt-srcaddr", 3),
    PKT_DSTADDR("pkt-dstaddr", 3),
    REGION("region", 4),
    AZ_ID("az-id", 4),
    SUBLOCATION_TYPE("sublocation-type", 4),
    SUBLOCATION_ID("sublocation-id", 4),
    PKT_SRC_AWS_SERVICE("pkt-src-aws-service", 5),
    PKT_DST_AWS_SERVICE("pkt-dst-aws-service", 5),
    FLOW_DIRECTION("flow-direction", 5),
    TRAFFIC_PATH("traffic-path", 5),
    ECS_CLUSTER_ARN("ecs-cluster-arn", 7),
    ECS_CLUSTER_NAME("ecs-cluster-name", 7),
    ECS_CONTAINER_INSTANCE_ARN("ecs-container-instance-arn", 7),
    ECS_CONTAINER_INSTANCE_ID("ecs-container-instance-id", 7),
    ECS_CONTAINER_ID("ecs-container-id", 7),
    ECS_SECOND_CONTAINER_ID("ecs-second-container-id", 7),
    ECS_SERVICE_NAME("ecs-service-name", 7),
    ECS_TASK_DEFINITION_ARN("ecs-task-definition-arn", 7),
    ECS_TASK_ARN("ecs-task-arn", 7),
    ECS_TASK_ID("ecs-task-id", 7),
    REJECT_REASON("reject-reason", 8);

    private static final Map<String, FlowLogField> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(FlowLogField::fieldName, Function.identity()));

    private final String fieldName;
    private final int version;

    FlowLogField(String fieldName, int version) {
        this.fieldName = fieldName;
        this.version = version;
    }

    /** The name a format writes as {@code ${name}}. */
    public String fieldName() {
        return fieldName;
    }

    public int version() {
        return version;
    }

    public static Optional<FlowLogField> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
