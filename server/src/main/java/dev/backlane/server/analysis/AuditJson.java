package dev.backlane.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.core.analysis.AuditFinding;
import dev.backlane.core.analysis.ConfigurationAudit;
import dev.backlane.core.analysis.ScopeIndex;
import dev.backlane.core.analysis.ServiceAddresses;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the configuration audit for {@code POST /_backlane/audit} and offline: the request
 * {@code {"account", "region", "principal", "identityPolicies": [...]}} (all optional) gives
 * {@code {"vpcs": [{"account", "region", "vpcId", "findings": [{"mode", "name", "severity", "resources", "detail", "fix"}]}]}},
 * severity being {@code error}, {@code warning} or {@code info} (see {@link dev.backlane.core.analysis.FailureMode}).
 * A principal without identity policies is refused: F4 weighs the principal's identity policies, so it
 * would silently report nothing.
 */
public final class AuditJson {
    private AuditJson() {}

    public static ObjectNode audit(WorldIndex world, JsonNode request) {
        Optional<Scope> only = Optional.empty();
        if (request.hasNonNull("account") && request.hasNonNull("region")) {
            only = Optional.of(new Scope(request.get("account").asText(), request.get("region").asText()));
        }
        Optional<ConfigurationAudit.IdentityPolicies> identity = Optional.empty();
        if (request.has("identityPolicies")) {
            List<String> documents = new ArrayList<>();
            request.get("identityPolicies").forEach(policy -> documents.add(policy.isTextual() ? policy.asText() : policy.toString()));
            Optional<String> principal = request.hasNonNull("principal") ? Optional.of(request.get("principal").asText()) : Optional.empty();
            identity = Optional.of(new ConfigurationAudit.IdentityPolicies(principal, documents));
        } else if (request.hasNonNull("principal")) {
            throw new IllegalArgumentException("principal needs identityPolicies: the audit weighs endpoint policies against the principal's "
                    + "identity policies (F4)");
        }
        ConfigurationAudit audit = new ConfigurationAudit(ServiceAddresses.standard());
        ObjectNode root = PathJson.mapper().createObjectNode();
        ArrayNode vpcs = root.putArray("vpcs");
        for (ScopeIndex scope : world.scopes()) {
            if (only.isPresent() && !only.get().equals(scope.scope())) {
                continue;
            }
            for (Map.Entry<String, List<AuditFinding>> entry : audit.audit(scope, identity).entrySet()) {
                ObjectNode vpc = vpcs.addObject()
                        .put("account", scope.scope().account())
                        .put("region", scope.scope().region())
                        .put("vpcId", entry.getKey());
                ArrayNode findings = vpc.putArray("findings");
                for (AuditFinding finding : entry.getValue()) {
                    ObjectNode item = findings.addObject().put("mode", finding.mode().label()).put("name", finding.mode().name())
                            .put("severity", finding.severity().label());
                    ArrayNode resources = item.putArray("resources");
                    finding.resources().forEach(resources::add);
                    item.put("detail", finding.detail()).put("fix", finding.fix());
                }
            }
        }
        return root;
    }
}
