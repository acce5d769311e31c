package dev.backlane.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * What a JSON syntax error says, for people: Jackson's own sentence without its note on where an
 * unclosed object began, which names a Jackson setting ({@code [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...]}) rather than the document.
 */
public final class JsonSyntax {
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[Source: .*?]\\)", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("\\s*at \\[Source: .*?]", Pattern.DOTALL);

    private JsonSyntax() {}

    /** The error's sentence, without Jackson's source notes. */
    public static String message(JsonProcessingException error) {
        String original = error.getOriginalMessage() == null ? "not valid JSON" : error.getOriginalMessage();
        return SOURCE.matcher(START_MARKER.matcher(original).replaceAll("")).replaceAll("").strip();
    }

    /** The sentence and where in the document it happened: {@code ... (line 2, column 1)}. */
    public static String describe(JsonProcessingException error) {
        JsonLocation location = error.getLocation();
        String where = location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return message(error) + where;
    }
}
