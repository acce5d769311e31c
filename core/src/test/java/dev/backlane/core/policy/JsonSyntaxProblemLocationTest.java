package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@link JsonSyntaxProblem#describe(JsonProcessingException)}: the parser's complaint, where it stopped first. */
class JsonSyntaxProblemLocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnclosedObjectSaysWhereTheDocumentEndedAndWhereTheObjectOpened() {
        JsonProcessingException error = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"format\": \"x\"\n"));
        assertEquals("at line 2, column 1: the document ends before the object { opened at line 1, column 1 is closed",
                JsonSyntaxProblem.describe(error));
    }

    @Test
    void aBadCharacterIsNamedWithoutItsCode() {
        JsonProcessingException error = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{oops}"));
        assertEquals("at line 1, column 2: unexpected character 'o': was expecting double-quote to start field name", JsonSyntaxProblem.describe(error));
    }
}
