package dev.backlane.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.traffic.RequestFacts.Authorization;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorizations of calls that need more than one, in the order the request names them (duplicates once):
 * DynamoDB's BatchGetItem and BatchWriteItem (their action on each table of {@code RequestItems}),
 * TransactGetItems ({@code dynamodb:GetItem} per item's table) and TransactWriteItems
 * ({@code ConditionCheck}/{@code Put}/{@code Update}/{@code Delete} → {@code dynamodb:ConditionCheckItem},
 * {@code PutItem}, {@code UpdateItem}, {@code DeleteItem} on the item's table), BatchExecuteStatement and
 * ExecuteTransaction (each PartiQL statement's action on its table, as {@link PartiQlStatement}), per the DynamoDB
 * developer guide's "DynamoDB API permissions" and "IAM policies with PartiQL"; S3's CopyObject and UploadPartCopy
 * ({@code s3:PutObject} on the destination and {@code s3:GetObject} — {@code s3:GetObjectVersion} for a
 * {@code versionId} — on the {@code x-amz-copy-source} object, per the S3 API reference's Permissions sections).
 * Empty for every other call, and when the body names none (the service itself rejects such a request).
 */
final class FurtherAuthorizations {
    private static final Map<String, String> WRITE_ITEM_ACTIONS = Map.of("ConditionCheck", "dynamodb:ConditionCheckItem", "Put",
            "dynamodb:PutItem", "Update", "dynamodb:UpdateItem", "Delete", "dynamodb:DeleteItem");

    private FurtherAuthorizations() {}

    /** Every authorization the call needs, primary first; empty when it needs one (or its action is unknown). */
    static List<Authorization> of(String service, String region, String account, String operation, String action, String resource,
            Optional<JsonNode> json, HttpRequestHead head) {
        return switch (service) {
            case "dynamodb" -> json.map(body -> dynamodb(region, account, operation, body)).orElse(List.of());
            case "s3" -> operation.equals("CopyObject") || operation.equals("UploadPartCopy") ? copy(action, resource, head) : List.of();
            default -> List.of();
        };
    }

    private static List<Authorization> dynamodb(String region, String account, String operation, JsonNode body) {
        Set<Authorization> all = new LinkedHashSet<>();
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> body.path("RequestItems").fieldNames()
                    .forEachRemaining(table -> all.add(new Authorization("dynamodb:" + operation, table(region, account, table))));
            case "TransactGetItems" -> body.path("TransactItems").forEach(item -> tableOf(item.path("Get"))
                    .ifPresent(table -> all.add(new Authorization("dynamodb:GetItem", table(region, account, table)))));
            case "TransactWriteItems" -> body.path("TransactItems").forEach(item -> {
                Iterator<Map.Entry<String, JsonNode>> kinds = item.fields();
                while (kinds.hasNext()) {
                    Map.Entry<String, JsonNode> kind = kinds.next();
                    String itemAction = WRITE_ITEM_ACTIONS.get(kind.getKey());
                    if (itemAction != null) {
                        tableOf(kind.getValue()).ifPresent(table -> all.add(new Authorization(itemAction, table(region, account, table))));
                    }
                }
            });
            case "BatchExecuteStatement" -> statements(body.path("Statements"), region, account, all);
            case "ExecuteTransaction" -> statements(body.path("TransactStatements"), region, account, all);
            default -> { }
        }
        return new ArrayList<>(all);
    }

    private static void statements(JsonNode statements, String region, String account, Set<Authorization> all) {
        statements.forEach(statement -> PartiQlStatement.parse(statement.path("Statement").asText(""))
                .ifPresent(parsed -> all.add(new Authorization(parsed.action(), table(region, account, parsed.table())))));
    }

    private static Optional<String> tableOf(JsonNode item) {
        JsonNode name = item.get("TableName");
        return name != null && name.isTextual() && !name.asText().isEmpty() ? Optional.of(name.asText()) : Optional.empty();
    }

    private static String table(String region, String account, String name) {
        return ResourceArns.of("dynamodb", region, account, "", member -> member.equals("TableName") ? Optional.of(name) : Optional.empty());
    }

    /**
     * The destination's authorization and the source's: {@code x-amz-copy-source} is {@code bucket/key} or
     * {@code /bucket/key}, URL-encoded, with an optional {@code ?versionId=}; an access point ARN is kept as given.
     */
    private static List<Authorization> copy(String action, String resource, HttpRequestHead head) {
        Optional<String> header = head.header("x-amz-copy-source").filter(value -> !value.isBlank());
        if (header.isEmpty() || action.isEmpty()) {
            return List.of();
        }
        String source = header.get();
        String version = "";
        int query = source.indexOf('?');
        if (query >= 0) {
            version = source.substring(query + 1);
            source = source.substring(0, query);
        }
        source = URLDecoder.decode(source.startsWith("/") ? source.substring(1) : source, StandardCharsets.UTF_8);
        if (source.isEmpty()) {
            return List.of();
        }
        String sourceArn = source.startsWith("arn:") ? source : "arn:aws:s3:::" + source;
        String sourceAction = version.startsWith("versionId=") || version.contains("&versionId=") ? "s3:GetObjectVersion" : "s3:GetObject";
        return List.of(new Authorization(action, resource), new Authorization(sourceAction, sourceArn));
    }
}
