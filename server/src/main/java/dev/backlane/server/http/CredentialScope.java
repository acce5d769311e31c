package dev.backlane.server.http;

import java.util.Map;
import java.util.Optional;

/**
 * What SigV4 says about a request: the access key, region and service of its credential scope
 * ({@code Credential=AKID/20260101/us-east-1/ec2/aws4_request}), from the Authorization header or a
 * presigned URL's {@code X-Amz-Credential}. Signatures are not verified.
 */
public record CredentialScope(String accessKeyId, String region, String service) {
    public static Optional<CredentialScope> from(String authorization, Map<String, String> parameters) {
        String credential = null;
        if (authorization != null) {
            int start = authorization.indexOf("Credential=");
            if (start >= 0) {
                int end = authorization.indexOf(',', start);
                credential = authorization.substring(start + "Credential=".length(), end < 0 ? authorization.length() : end).trim();
            }
        }
        if (credential == null) {
            credential = parameters.get("X-Amz-Credential");
        }
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/");
        if (parts.length < 5) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[2], parts[3]));
    }

    /** A 12-digit access key ID selects that account, so tests can act as several accounts. */
    public String account(String defaultAccount) {
        return accessKeyId.length() == 12 && accessKeyId.chars().allMatch(Character::isDigit) ? accessKeyId : defaultAccount;
    }
}
