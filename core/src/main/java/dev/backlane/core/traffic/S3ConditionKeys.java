package dev.backlane.core.traffic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 condition keys a request carries in its head, as the Service Authorization Reference names them: the
 * listing's {@code s3:prefix}, {@code s3:delimiter} and {@code s3:max-keys}; {@code s3:VersionId}; the headers
 * {@code s3:x-amz-acl}, {@code s3:x-amz-copy-source}, {@code s3:x-amz-server-side-encryption},
 * {@code s3:x-amz-server-side-encryption-aws-kms-key-id}, {@code s3:x-amz-storage-class},
 * {@code s3:x-amz-metadata-directive}; and how it was signed: {@code s3:authType} ({@code REST-HEADER},
 * {@code REST-QUERY-STRING}) and {@code s3:signatureversion} ({@code AWS4-HMAC-SHA256}, {@code AWS}). Keys whose
 * value is in the body, and tag keys, are not read.
 */
final class S3ConditionKeys {
    private static final List<String> QUERY_KEYS = List.of("prefix", "delimiter", "max-keys");
    private static final List<String> HEADER_KEYS = List.of("x-amz-acl", "x-amz-copy-source", "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-storage-class", "x-amz-metadata-directive");

    private S3ConditionKeys() {}

    static Map<String, List<String>> of(HttpRequestHead head, Map<String, List<String>> parameters, Optional<SigningScope> scope) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String name : QUERY_KEYS) {
            first(parameters.get(name)).ifPresent(value -> keys.put("s3:" + name, List.of(value)));
        }
        first(parameters.get("versionId")).ifPresent(value -> keys.put("s3:VersionId", List.of(value)));
        for (String name : HEADER_KEYS) {
            head.header(name).ifPresent(value -> keys.put("s3:" + name, List.of(value)));
        }
        if (scope.isPresent()) {
            boolean presigned = head.header("authorization").isEmpty();
            keys.put("s3:authType", List.of(presigned ? "REST-QUERY-STRING" : "REST-HEADER"));
            keys.put("s3:signatureversion", List.of(scope.get().service().isPresent() ? "AWS4-HMAC-SHA256" : "AWS"));
        }
        return keys;
    }

    private static Optional<String> first(List<String> values) {
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
