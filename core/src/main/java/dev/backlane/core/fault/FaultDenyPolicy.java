package dev.backlane.core.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.policy.CompiledPolicy;
import java.util.List;

/**
 * The Deny statement an F4 fault layers on an endpoint policy, as a policy document of its own: its actions (default
 * {@code *}) on every resource, for the scope's principal or everyone. The policy engine evaluates it beside the
 * endpoint's own policy, and an explicit deny in either denies the call, as one policy with both statements would.
 */
public final class FaultDenyPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FaultDenyPolicy() {
    }

    /** The document; {@code principal} empty means {@code "Principal": "*"}. */
    public static String document(String faultId, List<String> actions, java.util.Optional<String> principal) {
        ObjectNode statement = JSON.createObjectNode();
        // A Sid is alphanumeric: the fault's hex digits name it.
        statement.put("Sid", "BacklaneFault" + faultId.substring(faultId.indexOf('-') + 1));
        statement.put("Effect", "Deny");
        if (principal.isPresent()) {
            statement.putObject("Principal").put("AWS", principal.get());
        } else {
            statement.put("Principal", "*");
        }
        ArrayNode list = statement.putArray("Action");
        (actions.isEmpty() ? List.of("*") : actions).forEach(list::add);
        statement.put("Resource", "*");
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        policy.putArray("Statement").add(statement);
        return policy.toString();
    }

    /** The fault's statement compiled; throws {@link dev.backlane.core.policy.PolicyParseException} for actions that are not IAM actions. */
    public static CompiledPolicy compile(Fault fault) {
        return CompiledPolicy.parse(document(fault.id(), fault.parameters().actions(), fault.scope().get(FaultScope.Field.PRINCIPAL)));
    }
}
