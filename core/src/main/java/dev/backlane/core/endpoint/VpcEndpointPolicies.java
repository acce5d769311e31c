package dev.backlane.core.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.policy.PolicyKind;
import dev.backlane.core.policy.PolicyValidator;
import dev.backlane.core.policy.ValidationReport;
import java.io.IOException;

/**
 * Endpoint policies with AWS's rules: at most {@link #MAX_LENGTH} characters, JSON in the policy
 * grammar, and for services without endpoint-policy support only the full-access policy. An endpoint
 * without a policy of its own has {@link #DEFAULT}, which ResetPolicy restores.
 */
public final class VpcEndpointPolicies {
    /** The full-access policy AWS gives endpoints of services that support policies. */
    public static final String DEFAULT =
            "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    public static final int MAX_LENGTH = 20_480;

    private static final ObjectMapper JSON = new ObjectMapper();

    private VpcEndpointPolicies() {}

    /** The policy a new endpoint of the service has: {@link #DEFAULT}, or none when the service has no policy support. */
    public static String initial(EndpointService service) {
        return service.policySupported() ? DEFAULT : null;
    }

    /** Checks a policy the caller gave for an endpoint of the service, and returns it. */
    public static String check(String document, EndpointService service) {
        if (document.length() > MAX_LENGTH) {
            throw AwsException.of(ErrorCode.INVALID_POLICY_DOCUMENT,
                    "The Policy Document is not valid. Policy document length %d exceeds the maximum of %d characters.", document.length(),
                    MAX_LENGTH);
        }
        ValidationReport report = PolicyValidator.validate(document, PolicyKind.ENDPOINT);
        if (report.refused()) {
            throw AwsException.of(ErrorCode.INVALID_POLICY_DOCUMENT, "The Policy Document is not valid. %s",
                    report.firstRefusalMessage().orElseThrow());
        }
        if (!service.policySupported() && !isFullAccess(document)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER, "Service %s only supports the full-access endpoint policy.",
                    service.serviceName());
        }
        return document;
    }

    /** Whether every statement allows every action on every resource to everyone, without conditions. */
    static boolean isFullAccess(String document) {
        try {
            JsonNode statements = JSON.readTree(document).path("Statement");
            if (statements.isObject()) {
                return isFullAccessStatement(statements);
            }
            if (!statements.isArray() || statements.isEmpty()) {
                return false;
            }
            for (JsonNode statement : statements) {
                if (!isFullAccessStatement(statement)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isFullAccessStatement(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        boolean everyone = isStar(principal) || (principal.isObject() && principal.size() == 1 && isStar(principal.path("AWS")));
        return statement.path("Effect").asText().equals("Allow") && everyone && isStar(statement.path("Action"))
                && isStar(statement.path("Resource")) && !statement.has("Condition");
    }

    private static boolean isStar(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().equals("*");
        }
        return value.isArray() && value.size() == 1 && value.get(0).isTextual() && value.get(0).asText().equals("*");
    }
}
