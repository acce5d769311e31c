package dev.backlane.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST-JSON read and written from FIS's model: routes by method and path, labels, query strings, body, error statuses. */
class RestJsonProtocolTest {
    private final ServiceModel model = ServiceModel.load("fis-2020-12-01.service-2.json");
    private final RestJsonRoutes routes = new RestJsonRoutes(model);
    private final RestJsonRequestParser parser = new RestJsonRequestParser(model);
    private final RestJsonResponseWriter writer = new RestJsonResponseWriter(model);

    @Test
    void routesByMethodAndPathWithDecodedLabels() {
        assertEquals("StartExperiment", routes.match("POST", "/experiments").orElseThrow().operation().name());
        assertEquals("ListExperiments", routes.match("GET", "/experiments").orElseThrow().operation().name());
        RestJsonRoutes.Match stop = routes.match("DELETE", "/experiments/EXPabc").orElseThrow();
        assertEquals("StopExperiment", stop.operation().name());
        assertEquals(Map.of("id", "EXPabc"), stop.labels());
        RestJsonRoutes.Match tags = routes.match("GET", "/tags/arn%3Aaws%3Afis%3Aus-east-1%3A1%3Aexperiment%2FEXPabc").orElseThrow();
        assertEquals("ListTagsForResource", tags.operation().name());
        assertEquals("arn:aws:fis:us-east-1:1:experiment/EXPabc", tags.labels().get("resourceArn"));
        assertTrue(routes.match("PUT", "/experiments").isEmpty());
        assertTrue(routes.match("GET", "/experiments/EXPabc/nothing").isEmpty());
    }

    @Test
    void readsLabelsQueryStringAndBodyIntoOneInput() {
        OperationModel untag = model.operation("UntagResource").orElseThrow();
        Map<String, Object> input = parser.parse(untag, WireRequest.rest(Map.of("resourceArn", "arn:aws:fis:us-east-1:1:experiment/EXPx"), Map.of("tagKeys", List.of("a", "b")), new byte[0]));
        assertEquals(Map.of("resourceArn", "arn:aws:fis:us-east-1:1:experiment/EXPx", "tagKeys", List.of("a", "b")), input);

        OperationModel list = model.operation("ListExperiments").orElseThrow();
        Object maxResults = parser.parse(list, WireRequest.rest(Map.of(), Map.of("maxResults", List.of("5")), new byte[0])).get("maxResults");
        assertEquals(5, ((Number) maxResults).intValue());
        AwsException notNumber = assertThrows(AwsException.class,
                () -> parser.parse(list, WireRequest.rest(Map.of(), Map.of("maxResults", List.of("five")), new byte[0])));
        assertEquals(ErrorCode.SERIALIZATION_EXCEPTION, notNumber.code());

        OperationModel tag = model.operation("TagResource").orElseThrow();
        Map<String, Object> tagged = parser.parse(tag, WireRequest.rest(Map.of("resourceArn", "arn:aws:fis:us-east-1:1:experiment/EXPx"), Map.of(),
                "{\"tags\": {\"team\": \"orders\"}, \"resourceArn\": \"ignored\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("arn:aws:fis:us-east-1:1:experiment/EXPx", tagged.get("resourceArn"), "a member bound to the path is read from the path, not the body");
        assertEquals(Map.of("team", "orders"), tagged.get("tags"));
    }

    @Test
    void aMissingRequiredBodyMemberIsAValidationExceptionNamingIt() {
        OperationModel start = model.operation("StartExperiment").orElseThrow();
        AwsException missing = assertThrows(AwsException.class, () -> parser.parse(start, WireRequest.rest(Map.of(), Map.of(),
                "{\"clientToken\": \"t\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals(ErrorCode.VALIDATION_EXCEPTION, missing.code());
        assertTrue(missing.getMessage().contains("'experimentTemplateId'"), missing.getMessage());
    }

    @Test
    void errorsTakeTheirStatusFromTheModelsErrorShapes() {
        assertEquals(404, writer.errorStatus(AwsException.of(ErrorCode.RESOURCE_NOT_FOUND_EXCEPTION, "Experiment not found.")));
        assertEquals(409, writer.errorStatus(AwsException.of(ErrorCode.CONFLICT_EXCEPTION, "c")));
        assertEquals(402, writer.errorStatus(AwsException.of(ErrorCode.SERVICE_QUOTA_EXCEEDED_EXCEPTION, "q")));
        assertEquals(400, writer.errorStatus(AwsException.of(ErrorCode.VALIDATION_EXCEPTION, "v")));
        assertEquals("application/json", writer.contentType());
        AwsException bad = AwsException.of(ErrorCode.VALIDATION_EXCEPTION, "bad");
        assertTrue(new String(writer.writeError(bad, "r"), StandardCharsets.UTF_8).contains("\"message\":\"bad\""));
        assertEquals(Map.of("x-amzn-ErrorType", "ValidationException"), writer.headers(java.util.Optional.of(bad)));
        assertEquals(Map.of(), writer.headers(java.util.Optional.empty()));
    }
}
