package dev.backlane.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** awsJson 1.1 read and written from a small model: types, paths in messages, member order, timestamps, errors. */
class JsonProtocolTest {
    private static final String MODEL = """
            {"metadata": {"apiVersion": "2020-01-01", "protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Test_20200101",
                          "serviceId": "Test"},
             "operations": {"Put": {"input": {"shape": "PutRequest"}, "output": {"shape": "PutResponse"}},
                            "Ping": {"input": {"shape": "PutRequest"}}},
             "shapes": {
               "PutRequest": {"type": "structure", "required": ["name"], "members": {
                  "name": {"shape": "Name"}, "items": {"shape": "Items"}, "tags": {"shape": "Tags"}, "limit": {"shape": "Limit"},
                  "at": {"shape": "Time"}, "flag": {"shape": "Flag"}, "kind": {"shape": "Kind"}}},
               "Items": {"type": "list", "member": {"shape": "Item"}, "min": 1},
               "Item": {"type": "structure", "required": ["message"], "members": {"message": {"shape": "Name"}, "timestamp": {"shape": "Millis"}}},
               "Tags": {"type": "map", "key": {"shape": "Name"}, "value": {"shape": "Name"}},
               "Name": {"type": "string", "min": 1, "max": 8, "pattern": "[^:*]*"},
               "Kind": {"type": "string", "enum": ["A", "B"]},
               "Limit": {"type": "integer", "min": 1, "max": 50},
               "Millis": {"type": "long"},
               "Time": {"type": "timestamp"},
               "Flag": {"type": "boolean"},
               "PutResponse": {"type": "structure", "members": {"first": {"shape": "Name"}, "second": {"shape": "Items"}, "at": {"shape": "Time"}}}
             }}
            """;

    private final ServiceModel model;
    private final JsonRequestParser parser;
    private final JsonResponseWriter writer;

    JsonProtocolTest() throws Exception {
        model = ServiceModel.parse(new ObjectMapper().readTree(MODEL));
        parser = new JsonRequestParser(model);
        writer = new JsonResponseWriter(model);
    }

    private Map<String, Object> parse(String body) {
        return parser.parse(model.operation("Put").orElseThrow(), WireRequest.json(body.getBytes(StandardCharsets.UTF_8)));
    }

    private AwsException refused(String body) {
        return assertThrows(AwsException.class, () -> parse(body));
    }

    @Test
    void membersAreReadByTypeWithNullsAndUnknownMembersLeftOut() {
        Map<String, Object> input = parse("""
                {"name": "n", "items": [{"message": "m", "timestamp": 1700000000123}], "tags": {"k": "v"}, "limit": 5,
                 "at": 1700000000.5, "flag": true, "kind": null, "unknown": [1, 2]}""");
        assertEquals("n", input.get("name"));
        assertEquals(List.of(Map.of("message", "m", "timestamp", 1_700_000_000_123L)), input.get("items"));
        assertEquals(Map.of("k", "v"), input.get("tags"));
        assertEquals(5, input.get("limit"));
        assertEquals(Instant.ofEpochMilli(1_700_000_000_500L), input.get("at"));
        assertEquals(true, input.get("flag"));
        assertEquals(List.of("name", "items", "tags", "limit", "at", "flag"), List.copyOf(input.keySet()));
    }

    @Test
    void constraintsAreValidationExceptionsNamingTheMembersPath() {
        assertEquals("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
                refused("{}").getMessage());
        assertEquals("1 validation error detected: Value null at 'items.2.member.message' failed to satisfy constraint: Member must not be null",
                refused("{\"name\": \"n\", \"items\": [{\"message\": \"m\"}, {}]}").getMessage());
        assertEquals("1 validation error detected: Value 'toolongname' at 'name' failed to satisfy constraint: "
                + "Member must have length less than or equal to 8", refused("{\"name\": \"toolongname\"}").getMessage());
        assertEquals("1 validation error detected: Value 'a:b' at 'name' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [^:*]*", refused("{\"name\": \"a:b\"}").getMessage());
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, refused("{\"name\": \"n\", \"limit\": 51}").code());
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, refused("{\"name\": \"n\", \"kind\": \"C\"}").code());
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, refused("{\"name\": \"n\", \"items\": []}").code());
    }

    @Test
    void wrongJsonTypesAndBodiesAreSerializationExceptions() {
        for (String body : List.of("{\"name\": 1}", "{\"name\": \"n\", \"limit\": \"5\"}", "{\"name\": \"n\", \"limit\": 1.5}", "[1]", "{",
                "{\"name\": \"n\", \"flag\": \"yes\"}")) {
            assertEquals(ErrorCode.SERIALIZATION_EXCEPTION, refused(body).code(), body);
        }
    }

    @Test
    void anEmptyBodyIsAnEmptyInputNotAMalformedOne() {
        AwsException error = assertThrows(AwsException.class, () -> parser.parse(model.operation("Put").orElseThrow(), WireRequest.json(new byte[0])));
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, error.code(), "the required name is missing; the body itself is fine");
    }

    @Test
    void outputIsWrittenInTheShapesOrderWithTimestampsInEpochSeconds() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("at", Instant.ofEpochMilli(1_700_000_000_250L));
        output.put("second", List.of(Map.of("message", "m")));
        output.put("first", "f");
        assertEquals("{\"first\":\"f\",\"second\":[{\"message\":\"m\"}],\"at\":1.70000000025E9}",
                new String(writer.write(model.operation("Put").orElseThrow(), output, "r-1"), StandardCharsets.UTF_8));
        assertEquals("{}", new String(writer.write(model.operation("Ping").orElseThrow(), Map.of(), "r-1"), StandardCharsets.UTF_8));
        assertEquals("application/x-amz-json-1.1", writer.contentType());
    }

    @Test
    void errorsAreWrittenByErrorAnswer() {
        AwsException error = AwsException.of(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, "The specified log group does not exist.");
        assertEquals("{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}",
                new String(writer.writeError(error, "r-1"), StandardCharsets.UTF_8));
        assertEquals(new String(ErrorAnswer.of(WireProtocol.JSON, error, "r-1", "application/x-amz-json-1.1").body(), StandardCharsets.UTF_8),
                new String(writer.writeError(error, "r-1"), StandardCharsets.UTF_8));
    }
}
