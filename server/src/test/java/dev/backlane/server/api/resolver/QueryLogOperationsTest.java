package dev.backlane.server.api.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.server.TestApi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route 53 Resolver query logging on the wire (awsJson 1.1): members, errors as __type, lists with filters, sort and pages, tags. */
class QueryLogOperationsTest {
    private final TestApi api = new TestApi();

    @Test
    void configIsCreatedListedTaggedAndDeleted() {
        JsonNode created = ok("CreateResolverQueryLogConfig", """
                {"Name": "dns-logs", "DestinationArn": "arn:aws:s3:::dns-bucket", "CreatorRequestId": "req-1",
                 "Tags": [{"Key": "team", "Value": "net"}]}""").path("ResolverQueryLogConfig");
        String id = created.path("Id").asText();
        assertTrue(id.matches("rqlc-[0-9a-f]{16}"), id);
        assertEquals("CREATING", created.path("Status").asText());
        assertEquals("NOT_SHARED", created.path("ShareStatus").asText());
        assertEquals("000000000000", created.path("OwnerId").asText());
        assertEquals("arn:aws:route53resolver:us-east-1:000000000000:resolver-query-log-config/" + id, created.path("Arn").asText());
        assertEquals("2026-01-02T03:04:05Z", created.path("CreationTime").asText());

        assertEquals(id, ok("CreateResolverQueryLogConfig", """
                {"Name": "dns-logs", "DestinationArn": "arn:aws:s3:::dns-bucket", "CreatorRequestId": "req-1"}""")
                .path("ResolverQueryLogConfig").path("Id").asText(), "a retry with the same CreatorRequestId");
        assertEquals("net", ok("ListTagsForResource", "{\"ResourceArn\": \"" + created.path("Arn").asText() + "\"}")
                .path("Tags").path(0).path("Value").asText());
        JsonNode listed = ok("ListResolverQueryLogConfigs", "{\"Filters\": [{\"Name\": \"Destination\", \"Values\": [\"S3\"]}]}");
        assertEquals(1, listed.path("TotalCount").asInt());
        assertEquals(1, listed.path("TotalFilteredCount").asInt());
        assertEquals(id, listed.path("ResolverQueryLogConfigs").path(0).path("Id").asText());

        assertEquals("DELETING", ok("DeleteResolverQueryLogConfig", "{\"ResolverQueryLogConfigId\": \"" + id + "\"}")
                .path("ResolverQueryLogConfig").path("Status").asText());
        error("ResourceNotFoundException", "GetResolverQueryLogConfig", "{\"ResolverQueryLogConfigId\": \"" + id + "\"}");
    }

    @Test
    void associationsOfVpcsAreCreatedListedAndRemoved() {
        String vpcId = api.ec2("DescribeVpcs").assertOk().text("//vpcSet/item/vpcId");
        String id = ok("CreateResolverQueryLogConfig", """
                {"Name": "dns", "DestinationArn": "arn:aws:firehose:us-east-1:000000000000:deliverystream/dns", "CreatorRequestId": "r"}""")
                .path("ResolverQueryLogConfig").path("Id").asText();

        JsonNode association = ok("AssociateResolverQueryLogConfig",
                "{\"ResolverQueryLogConfigId\": \"" + id + "\", \"ResourceId\": \"" + vpcId + "\"}").path("ResolverQueryLogConfigAssociation");
        String associationId = association.path("Id").asText();
        assertTrue(associationId.matches("rqlca-[0-9a-f]{16}"), associationId);
        assertEquals("CREATING", association.path("Status").asText());
        assertEquals("NONE", association.path("Error").asText());
        error("ResourceExistsException", "AssociateResolverQueryLogConfig",
                "{\"ResolverQueryLogConfigId\": \"" + id + "\", \"ResourceId\": \"" + vpcId + "\"}");
        error("InvalidParameterException", "AssociateResolverQueryLogConfig",
                "{\"ResolverQueryLogConfigId\": \"" + id + "\", \"ResourceId\": \"vpc-0123456789abcdef0\"}");
        assertEquals(vpcId, ok("GetResolverQueryLogConfigAssociation", "{\"ResolverQueryLogConfigAssociationId\": \"" + associationId + "\"}")
                .path("ResolverQueryLogConfigAssociation").path("ResourceId").asText());
        assertEquals(1, ok("GetResolverQueryLogConfig", "{\"ResolverQueryLogConfigId\": \"" + id + "\"}")
                .path("ResolverQueryLogConfig").path("AssociationCount").asInt());
        assertEquals(List.of(associationId), ids(ok("ListResolverQueryLogConfigAssociations",
                "{\"Filters\": [{\"Name\": \"ResourceId\", \"Values\": [\"" + vpcId + "\"]}]}").path("ResolverQueryLogConfigAssociations")));
        error("InvalidRequestException", "DeleteResolverQueryLogConfig", "{\"ResolverQueryLogConfigId\": \"" + id + "\"}");

        assertEquals("DELETING", ok("DisassociateResolverQueryLogConfig",
                "{\"ResolverQueryLogConfigId\": \"" + id + "\", \"ResourceId\": \"" + vpcId + "\"}")
                .path("ResolverQueryLogConfigAssociation").path("Status").asText());
        assertEquals(0, ok("ListResolverQueryLogConfigAssociations", "{}").path("TotalCount").asInt());
    }

    @Test
    void listsSortAndPage() {
        for (String name : List.of("b-logs", "a-logs", "c-logs")) {
            ok("CreateResolverQueryLogConfig", "{\"Name\": \"" + name + "\", \"DestinationArn\": \"arn:aws:s3:::bucket-" + name
                    + "\", \"CreatorRequestId\": \"" + name + "\"}");
        }
        JsonNode first = ok("ListResolverQueryLogConfigs", "{\"SortBy\": \"Name\", \"SortOrder\": \"DESCENDING\", \"MaxResults\": 2}");
        assertEquals(List.of("c-logs", "b-logs"), names(first.path("ResolverQueryLogConfigs")));
        JsonNode second = ok("ListResolverQueryLogConfigs", "{\"SortBy\": \"Name\", \"SortOrder\": \"DESCENDING\", \"MaxResults\": 2, "
                + "\"NextToken\": \"" + first.path("NextToken").asText() + "\"}");
        assertEquals(List.of("a-logs"), names(second.path("ResolverQueryLogConfigs")));
        assertTrue(second.path("NextToken").isMissingNode());
        error("InvalidParameterException", "ListResolverQueryLogConfigs", "{\"SortBy\": \"Colour\"}");
        error("InvalidParameterException", "ListResolverQueryLogConfigs", "{\"Filters\": [{\"Name\": \"Colour\", \"Values\": [\"x\"]}]}");
        error("InvalidNextTokenException", "ListResolverQueryLogConfigs", "{\"NextToken\": \"nope\"}");
    }

    @Test
    void badDestinationsAndNamesAreRefused() {
        error("ResourceNotFoundException", "CreateResolverQueryLogConfig", """
                {"Name": "dns", "DestinationArn": "arn:aws:logs:us-east-1:000000000000:log-group:missing", "CreatorRequestId": "r1"}""");
        error("InvalidParameterException", "CreateResolverQueryLogConfig", """
                {"Name": "dns", "DestinationArn": "arn:aws:sqs:us-east-1:000000000000:queue", "CreatorRequestId": "r2"}""");
        // The model's pattern for Name is checked on the wire first, as AWS's ValidationException.
        error("ValidationException", "CreateResolverQueryLogConfig", """
                {"Name": "123", "DestinationArn": "arn:aws:s3:::bucket", "CreatorRequestId": "r3"}""");
        assertEquals(0, ok("ListResolverQueryLogConfigs", "{}").path("TotalCount").asInt());
    }

    private JsonNode ok(String operation, String body) {
        TestApi.JsonResponse response = api.json("route53resolver", operation, body);
        assertEquals(200, response.status(), response.body());
        return response.tree();
    }

    private void error(String code, String operation, String body) {
        TestApi.JsonResponse response = api.json("route53resolver", operation, body);
        assertEquals(400, response.status(), response.body());
        assertEquals(code, response.tree().path("__type").asText(), response.body());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path("Id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("Name").asText()));
        return names;
    }
}
