package dev.backlane.core.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JSON parser's complaint into plain words for people who wrote a policy: locations become
 * "line L, column C", character codes and parser settings (Jackson's
 * {@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...]}) disappear,
 * and an unclosed list or object names where it was opened.
 */
public final class JsonSyntaxProblem {

    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source:.*?line: (\\d+), column: (\\d+)]");
    private static final Pattern UNCLOSED = Pattern.compile(
            "Unexpected end-of-input: expected close marker for (Array|Object) \\(start marker at line (\\d+), column (\\d+)\\)");
    private static final Pattern CHARACTER = Pattern.compile("\\('(.)' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern END_OF_INPUT = Pattern.compile("Unexpected end-of-input.*", Pattern.DOTALL);
    private static final Pattern LEFTOVER_INTERNALS = Pattern.compile("\\[Source:|StreamReadFeature|JsonParser|JsonFactory");

    private JsonSyntaxProblem() {
    }

    /**
     * Where the parser stopped and why: {@code at line 2, column 1: the document ends before ...}. For
     * every JSON input read outside policies too (state dumps, batch lines, request bodies).
     */
    public static String describe(com.fasterxml.jackson.core.JsonProcessingException error) {
        com.fasterxml.jackson.core.JsonLocation location = error.getLocation();
        String where = location == null || location.getLineNr() < 0 ? "" : "at line " + location.getLineNr() + ", column "
                + location.getColumnNr() + ": ";
        return where + describe(error.getOriginalMessage());
    }

    public static String describe(String parserMessage) {
        if (parserMessage == null || parserMessage.isBlank()) {
            return "the text is not well-formed";
        }
        String text = SOURCE_LOCATION.matcher(parserMessage).replaceAll("line $1, column $2");
        Matcher unclosed = UNCLOSED.matcher(text);
        if (unclosed.find()) {
            String what = unclosed.group(1).equals("Array") ? "list [" : "object {";
            return "the document ends before the " + what + " opened at line " + unclosed.group(2) + ", column " + unclosed.group(3)
                    + " is closed";
        }
        if (END_OF_INPUT.matcher(text).matches()) {
            return "the document ends too early";
        }
        text = CHARACTER.matcher(text).replaceAll("'$1'");
        text = CONTROL_CHARACTER.matcher(text).replaceAll("(control character $1)");
        if (LEFTOVER_INTERNALS.matcher(text).find()) {
            return "the text is not well-formed";
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
