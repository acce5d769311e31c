package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who signed a request and for what: the access key, and for SigV4 the credential scope's date, region and service
 * ({@code Credential=AKID/20261207/us-east-1/s3/aws4_request}), from the {@code Authorization} header or a presigned
 * URL's {@code X-Amz-Credential}. S3's SigV2 ({@code AWS AKID:signature}, {@code AWSAccessKeyId=}) gives the key only.
 * Signatures are not verified: Backlane does not know the secret keys. A malformed header fails as AWS fails:
 * {@code IncompleteSignature} in general, S3's {@code AuthorizationHeaderMalformed} and
 * {@code AuthorizationQueryParametersError} for S3.
 */
record SigningScope(String accessKeyId, Optional<String> region, Optional<String> service) {
    private static final String SIGV4 = "AWS4-HMAC-SHA256";
    private static final List<String> SIGV4_PARTS = List.of("Credential", "SignedHeaders", "Signature");
    private static final String S3_CREDENTIAL_FORM = "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";

    SigningScope {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(region, "region is null");
        requireNonNull(service, "service is null");
    }

    /**
     * The scope of a request, or empty when it is unsigned. {@code s3} says the request is for S3 as far as its host
     * tells (or, without an AWS host, its credential names s3), which picks S3's error codes and wording.
     */
    static Optional<SigningScope> of(Optional<String> authorization, RequestTarget target, boolean s3) {
        if (authorization.isPresent() && !authorization.get().isBlank()) {
            return Optional.of(fromHeader(authorization.get().trim(), s3 || authorization.get().contains("/s3/aws4_request")));
        }
        Optional<String> credential = target.parameter("X-Amz-Credential");
        if (credential.isPresent()) {
            return Optional.of(fromCredential(credential.get(), s3 || credential.get().contains("/s3/aws4_request"), true));
        }
        return target.parameter("AWSAccessKeyId").map(key -> new SigningScope(key, Optional.empty(), Optional.empty()));
    }

    private static SigningScope fromHeader(String header, boolean s3) {
        int space = header.indexOf(' ');
        String algorithm = space < 0 ? header : header.substring(0, space);
        if (algorithm.equals("AWS") && s3 && space > 0 && header.indexOf(':', space) > space + 1) {
            return new SigningScope(header.substring(space + 1, header.indexOf(':', space)).trim(), Optional.empty(), Optional.empty());
        }
        Map<String, String> parts = new LinkedHashMap<>();
        if (algorithm.equals(SIGV4)) {
            for (String pair : header.substring(space + 1).split(",")) {
                String trimmed = pair.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals < 0) {
                    throw s3 ? s3Malformed() : new AwsException(ErrorCode.INCOMPLETE_SIGNATURE,
                            "'" + trimmed + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header + "'.");
                }
                parts.put(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
            }
        }
        List<String> missing = new ArrayList<>();
        SIGV4_PARTS.stream().filter(name -> parts.get(name) == null || parts.get(name).isEmpty()).forEach(missing::add);
        if (!missing.isEmpty()) {
            if (s3) {
                throw s3Malformed();
            }
            StringBuilder message = new StringBuilder();
            missing.forEach(name -> message.append("Authorization header requires '").append(name).append("' parameter. "));
            throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE, message + "Authorization=" + header);
        }
        return fromCredential(parts.get("Credential"), s3, false);
    }

    private static SigningScope fromCredential(String credential, boolean s3, boolean presigned) {
        String[] parts = credential.split("/", -1);
        boolean wellFormed = parts.length == 5 && parts[4].equals("aws4_request") && !parts[0].isEmpty() && parts[1].length() == 8
                && parts[1].chars().allMatch(Character::isDigit) && !parts[2].isEmpty() && !parts[3].isEmpty();
        if (!wellFormed) {
            if (s3) {
                throw presigned ? new AwsException(ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                        "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; " + S3_CREDENTIAL_FORM)
                        : new AwsException(ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                                "The authorization header is malformed; the Credential is mal-formed; " + S3_CREDENTIAL_FORM);
            }
            throw new AwsException(ErrorCode.INCOMPLETE_SIGNATURE,
                    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + credential + "'");
        }
        return new SigningScope(parts[0], Optional.of(parts[2].toLowerCase(Locale.ROOT)), Optional.of(parts[3].toLowerCase(Locale.ROOT)));
    }

    private static AwsException s3Malformed() {
        return new AwsException(ErrorCode.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization header is malformed; the authorization header requires three components: Credential, SignedHeaders, and Signature.");
    }
}
