package dev.backlane.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A line of Backlane's request log (logfmt), parsed into its fields. */
record RequestLogLine(Map<String, String> fields) {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    static RequestLogLine parse(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(line);
        while (matcher.find()) {
            String value = matcher.group(2);
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            fields.put(matcher.group(1), value);
        }
        return new RequestLogLine(fields);
    }

    static List<RequestLogLine> parseAll(List<String> lines) {
        return lines.stream().map(RequestLogLine::parse).toList();
    }

    String get(String field) {
        return fields.get(field);
    }

    boolean is(String field, String value) {
        return value.equals(fields.get(field));
    }

    int status() {
        return Integer.parseInt(fields.getOrDefault("status", "0"));
    }
}
