package dev.backlane.core.snapshot;

import dev.backlane.core.model.SecurityGroupRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Rule IDs for snapshots that have none: {@code sgr-} and 17 hex digits of a SHA-256 of the group and
 * what the rule grants, so the same rule gets the same ID on every import and tests are exact.
 */
final class SecurityGroupRuleIds {
    private SecurityGroupRuleIds() {}

    static String derive(String groupId, SecurityGroupRule rule) {
        String grant = String.join("|", groupId, rule.egress() ? "egress" : "ingress", rule.ipProtocol(), Integer.toString(rule.fromPort()),
                Integer.toString(rule.toPort()), String.valueOf(rule.cidrIpv4()), String.valueOf(rule.cidrIpv6()),
                String.valueOf(rule.prefixListId()), String.valueOf(rule.referencedGroupId()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(grant.getBytes(StandardCharsets.UTF_8));
            return "sgr-" + HexFormat.of().formatHex(digest).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
