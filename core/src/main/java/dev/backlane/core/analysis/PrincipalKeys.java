package dev.backlane.core.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The condition keys AWS sets from who calls, as far as the caller's ARN tells them: {@code aws:PrincipalType}
 * ({@code Account}, {@code User}, {@code AssumedRole}, {@code FederatedUser}, {@code Anonymous}), {@code aws:userid}
 * where it is made of names (the account of a root, {@code ACCOUNT:NAME} of a federated user, {@code anonymous}) and
 * {@code aws:username} of an IAM user. A user's or role's {@code aws:userid} is its unique ID ({@code AIDA...},
 * {@code AROA...:session}), which no ARN carries, so it is left out. A role ARN stands for a session of the role,
 * the way a workload's calls are made. ({@code aws:PrincipalArn} and {@code aws:PrincipalAccount} come from
 * {@link dev.backlane.core.policy.PolicyRequest}.)
 */
final class PrincipalKeys {
    private PrincipalKeys() {}

    static Map<String, String> of(String principal) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (principal.equals("*") || principal.equalsIgnoreCase("anonymous")) {
            keys.put("aws:PrincipalType", "Anonymous");
            keys.put("aws:userid", "anonymous");
            return keys;
        }
        if (principal.length() == 12 && principal.chars().allMatch(Character::isDigit)) {
            keys.put("aws:PrincipalType", "Account");
            keys.put("aws:userid", principal);
            return keys;
        }
        String[] parts = principal.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return keys;
        }
        String service = parts[2];
        String account = parts[4];
        String resource = parts[5];
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        if (service.equals("iam") && resource.equals("root")) {
            keys.put("aws:PrincipalType", "Account");
            keys.put("aws:userid", account);
        } else if (service.equals("iam") && resource.startsWith("user/")) {
            keys.put("aws:PrincipalType", "User");
            keys.put("aws:username", name);
        } else if (service.equals("iam") && resource.startsWith("role/") || service.equals("sts") && resource.startsWith("assumed-role/")) {
            keys.put("aws:PrincipalType", "AssumedRole");
        } else if (service.equals("sts") && resource.startsWith("federated-user/")) {
            keys.put("aws:PrincipalType", "FederatedUser");
            keys.put("aws:userid", account + ":" + name);
        }
        return keys;
    }
}
