package dev.backlane.core.policy;

/** Builds the JSONPath strings findings carry: {@code $.Statement[0].Condition['aws:SourceVpce']}. */
final class JsonPaths {

    static final String ROOT = "$";

    private JsonPaths() {
    }

    static String member(String path, String name) {
        if (!name.isEmpty() && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            return path + "." + name;
        }
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }
}
