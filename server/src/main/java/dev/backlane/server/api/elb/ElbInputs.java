package dev.backlane.server.api.elb;

import dev.backlane.core.elb.ElbTags;
import dev.backlane.core.elb.SubnetMapping;
import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.elb.TargetGroupCommands;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.ListenerAction;
import dev.backlane.core.model.ElbProtocol;
import dev.backlane.core.model.WireName;
import dev.backlane.server.api.Input;
import dev.backlane.server.protocol.ConstraintViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ELBv2 input structures turned into the core's values. */
final class ElbInputs {
    private ElbInputs() {}

    static List<ElbTags.Tag> tags(Input input) {
        return input.structures("Tags").stream().map(tag -> new ElbTags.Tag(tag.string("Key"), tag.string("Value"))).toList();
    }

    static List<SubnetMapping> subnetMappings(Input input) {
        return input.structures("SubnetMappings").stream()
                .map(mapping -> {
                    String subnetId = mapping.string("SubnetId");
                    if (subnetId == null) {
                        throw AwsException.of(ErrorCode.VALIDATION_ERROR, "A subnet ID must be specified in each subnet mapping");
                    }
                    return new SubnetMapping(subnetId, mapping.string("PrivateIPv4Address"), mapping.string("AllocationId"));
                })
                .toList();
    }

    /** The {@code Attributes} list as key → value, in the order given; a key given twice is refused. */
    static Map<String, String> attributes(Input input) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Input attribute : input.structures("Attributes")) {
            String key = attribute.string("Key");
            if (key == null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "An attribute key must be specified");
            }
            if (attributes.put(key, attribute.string("Value")) != null) {
                throw AwsException.of(ErrorCode.VALIDATION_ERROR, "Attribute key '%s' is specified more than once", key);
            }
        }
        return attributes;
    }

    /** Default actions; a forward action may name its target group directly or through a one-group ForwardConfig. */
    static List<ListenerAction> actions(Input input) {
        List<ListenerAction> actions = new ArrayList<>();
        for (Input action : input.structures("DefaultActions")) {
            String targetGroupArn = action.string("TargetGroupArn");
            Input forward = action.structure("ForwardConfig");
            if (forward != null) {
                List<Input> groups = forward.structures("TargetGroups");
                if (groups.size() > 1) {
                    throw AwsException.of(ErrorCode.INVALID_LOAD_BALANCER_ACTION, "Backlane forwards to one target group per action");
                }
                String configured = groups.isEmpty() ? null : groups.get(0).string("TargetGroupArn");
                if (targetGroupArn != null && configured != null && !targetGroupArn.equals(configured)) {
                    throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                            "You cannot specify a target group ARN in both the action and its forward configuration unless they are the same");
                }
                targetGroupArn = targetGroupArn == null ? configured : targetGroupArn;
            }
            actions.add(new ListenerAction(action.string("Type"), targetGroupArn, action.integer("Order")));
        }
        return actions;
    }

    static List<String> certificates(Input input) {
        return input.structures("Certificates").stream().map(certificate -> certificate.string("CertificateArn")).toList();
    }

    static List<TargetCommands.TargetRequest> targets(Input input) {
        return input.structures("Targets").stream()
                .map(target -> new TargetCommands.TargetRequest(target.string("Id"), target.integer("Port"), target.string("AvailabilityZone")))
                .toList();
    }

    static TargetGroupCommands.HealthCheckChange healthCheck(Input input) {
        Input matcher = input.structure("Matcher");
        String httpCode = matcher == null ? null : matcher.string("HttpCode");
        return new TargetGroupCommands.HealthCheckChange(input.bool("HealthCheckEnabled"),
                wireEnum(input, "HealthCheckProtocol", ElbProtocol.class),
                input.string("HealthCheckPort"), input.integer("HealthCheckIntervalSeconds"), input.integer("HealthCheckTimeoutSeconds"),
                input.integer("HealthyThresholdCount"), input.integer("UnhealthyThresholdCount"), input.string("HealthCheckPath"), httpCode);
    }

    /**
     * The value of an enum member read at the edge; null when the request names none (the command's
     * default applies). The parser has checked the value against the model's enum; a value this
     * Backlane does not know is refused in the same words.
     */
    static <E extends Enum<E> & WireName> E wireEnum(Input input, String member, Class<E> type) {
        String value = input.string(member);
        if (value == null) {
            return null;
        }
        return WireName.find(type, value).orElseThrow(() -> ConstraintViolation.enumValue(value, member,
                Arrays.stream(type.getEnumConstants()).map(WireName::wireName).toList()));
    }
}
