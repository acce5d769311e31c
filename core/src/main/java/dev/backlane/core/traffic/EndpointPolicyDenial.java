package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.error.AwsException;
import java.util.List;
import java.util.Optional;

/**
 * The error a service answers when a VPC endpoint policy denies a call, in AWS's words ("Troubleshoot access denied
 * error messages", IAM User Guide): {@code User: P is not authorized to perform: A on resource: R because no VPC
 * endpoint policy allows the A action}, or {@code ... with an explicit deny in a VPC endpoint policy}. The code and
 * status are the service's own ({@code data/access-denied.json}): S3's {@code AccessDenied} (403, the resource in
 * quotes), EC2's {@code UnauthorizedOperation}, SNS's {@code AuthorizationError}, the Query services'
 * {@code AccessDenied}, the JSON services' {@code AccessDeniedException} (400; 403 over REST-JSON). A call that names
 * no resource leaves out "on resource". The server renders the exception in the service's protocol.
 */
public final class EndpointPolicyDenial {
    private static final ServiceErrorForms FORMS = new ServiceErrorForms("/dev/backlane/core/data/access-denied.json");

    private EndpointPolicyDenial() {}

    /** The denial a call judged BLOCKED by its endpoint policy answers with; empty for any other result. */
    public static Optional<AwsException> of(RequestFacts facts, String principal, PathResult path) {
        requireNonNull(path, "path is null");
        List<Explanation> explanations = path.explanations();
        if (path.verdict() != Verdict.BLOCKED || explanations.isEmpty()
                || explanations.get(explanations.size() - 1).code() != ExplanationCode.ENDPOINT_POLICY_DENIES) {
            return Optional.empty();
        }
        return Optional.of(of(facts, principal, explanations.get(explanations.size() - 1).explicitDeny()));
    }

    /** The denial of the call made as {@code principal}: by a Deny statement ({@code explicitDeny}), or for want of an Allow. */
    public static AwsException of(RequestFacts facts, String principal, boolean explicitDeny) {
        requireNonNull(facts, "facts is null");
        requireNonNull(principal, "principal is null");
        JsonNode form = FORMS.form(facts.service());
        String resource = facts.resource().equals("*") ? ""
                : " on resource: " + (form.path("quoteResource").asBoolean(false) ? "\"" + facts.resource() + "\"" : facts.resource());
        String reason = explicitDeny ? " with an explicit deny in a VPC endpoint policy"
                : " because no VPC endpoint policy allows the " + facts.action() + " action";
        String message = form.path("prefix").asText("") + "User: " + principal + " is not authorized to perform: " + facts.action() + resource
                + reason;
        return new AwsException(FORMS.errorCode(form), message);
    }
}
