package dev.backlane.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUnclosedObjectIsDescribedWithoutJacksonsSourceNote() {
        JsonProcessingException error = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"format\": \"x\"\n"));
        assertEquals("Unexpected end-of-input: expected close marker for Object (line 2, column 1)", JsonSyntax.describe(error));
    }

    @Test
    void aBadCharacterKeepsJacksonsSentence() {
        JsonProcessingException error = assertThrows(JsonProcessingException.class, () -> JSON.readTree("{oops}"));
        assertEquals("Unexpected character ('o' (code 111)): was expecting double-quote to start field name", JsonSyntax.message(error));
    }
}
