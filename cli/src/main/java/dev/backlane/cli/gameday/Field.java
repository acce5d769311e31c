package dev.backlane.cli.gameday;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a game-day document being validated: its node, its pointer and the problems found so far (shared by
 * every field of the document). Reading a field that is wrong records a problem naming its line and path and gives
 * an empty answer, so one pass reports every problem of the file.
 */
final class Field {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");

    private final YamlDocument document;
    private final JsonNode node;
    private final JsonPointer pointer;
    private final List<ScenarioException.Problem> problems;

    private Field(YamlDocument document, JsonNode node, JsonPointer pointer, List<ScenarioException.Problem> problems) {
        this.document = document;
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    static Field root(YamlDocument document, List<ScenarioException.Problem> problems) {
        return new Field(document, document.root(), JsonPointer.empty(), problems);
    }

    JsonNode node() {
        return node;
    }

    boolean isObject() {
        return node.isObject();
    }

    /** The path as a reader writes it: {@code steps[2].fault.duration}. */
    String path() {
        StringBuilder path = new StringBuilder();
        for (JsonPointer at = pointer; at != null && !at.matches(); at = at.tail()) {
            if (at.mayMatchElement() && at.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                path.append('[').append(at.getMatchingIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(at.getMatchingProperty());
            }
        }
        return path.toString();
    }

    /** Records a problem at this field. */
    void problem(String message) {
        JsonLocation at = document.location(pointer);
        problems.add(new ScenarioException.Problem(document.source(), at.getLineNr() < 0 ? 0 : at.getLineNr(),
                at.getColumnNr() < 0 ? 0 : at.getColumnNr(), path(), message));
    }

    /** Refuses every field of this object not in {@code allowed}; a node that is no object is itself a problem. */
    boolean only(String... allowed) {
        if (!node.isObject()) {
            problem("must be a mapping of " + String.join(", ", allowed));
            return false;
        }
        List<String> known = Arrays.asList(allowed);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                child(name).problem("unknown field (known here: " + String.join(", ", allowed) + ")");
            }
        }
        return true;
    }

    /** The item at {@code index} of this list. */
    Field item(int index) {
        return new Field(document, node.path(index), pointer.appendIndex(index), problems);
    }

    /** The line this field starts on (0 when unknown). */
    int line() {
        JsonLocation at = document.location(pointer);
        return Math.max(at.getLineNr(), 0);
    }

    Field child(String name) {
        JsonNode value = node.path(name);
        return new Field(document, value, pointer.appendProperty(name), problems);
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** The items of the list at {@code name}; a missing list is empty unless required. */
    List<Field> list(String name, boolean required) {
        Field list = child(name);
        List<Field> items = new ArrayList<>();
        if (list.node.isMissingNode() || list.node.isNull()) {
            if (required) {
                list.problem("is required");
            }
            return items;
        }
        if (!list.node.isArray()) {
            list.problem("must be a list");
            return items;
        }
        for (int index = 0; index < list.node.size(); index++) {
            items.add(new Field(document, list.node.get(index), list.pointer.appendIndex(index), problems));
        }
        if (required && items.isEmpty()) {
            list.problem("must not be empty");
        }
        return items;
    }

    Optional<String> text(String name, boolean required) {
        Field value = child(name);
        if (value.node.isMissingNode() || value.node.isNull()) {
            if (required) {
                value.problem("is required");
            }
            return Optional.empty();
        }
        if (!value.node.isValueNode() || value.node.isBoolean()) {
            value.problem("must be a string");
            return Optional.empty();
        }
        return Optional.of(value.node.asText());
    }

    /** This node's own text (a list item). */
    Optional<String> text() {
        if (!node.isTextual() && !node.isNumber()) {
            problem("must be a string");
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    <T> Optional<T> matching(String name, boolean required, Pattern pattern, String what, Function<String, T> convert) {
        Optional<String> text = text(name, required);
        if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
            child(name).problem("'" + text.get() + "' is not " + what);
            return Optional.empty();
        }
        return text.map(convert);
    }

    Optional<Boolean> bool(String name) {
        Field value = child(name);
        if (value.node.isMissingNode() || value.node.isNull()) {
            return Optional.empty();
        }
        if (!value.node.isBoolean()) {
            value.problem("must be true or false");
            return Optional.empty();
        }
        return Optional.of(value.node.booleanValue());
    }

    /** A number between {@code min} and {@code max}, both included. */
    Optional<Double> number(String name, boolean required, double min, double max) {
        Field value = child(name);
        if (value.node.isMissingNode() || value.node.isNull()) {
            if (required) {
                value.problem("is required");
            }
            return Optional.empty();
        }
        if (!value.node.isNumber()) {
            value.problem("must be a number from " + plain(min) + " to " + plain(max));
            return Optional.empty();
        }
        double number = value.node.doubleValue();
        if (number < min || number > max) {
            value.problem(plain(number) + " is out of range: from " + plain(min) + " to " + plain(max));
            return Optional.empty();
        }
        return Optional.of(number);
    }

    /** A duration ({@code 500ms}, {@code 3s}, {@code 1m30s}, {@code PT3S}) from {@code min} to {@code max}. */
    Optional<Duration> duration(String name, boolean required, Duration min, Duration max) {
        Optional<String> text = text(name, required);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> duration = parseDuration(text.get());
        if (duration.isEmpty()) {
            child(name).problem("'" + text.get() + "' is not a duration such as 500ms, 3s, 2m or PT3S");
            return Optional.empty();
        }
        if (duration.get().compareTo(min) < 0 || duration.get().compareTo(max) > 0) {
            child(name).problem(text.get() + " is out of range: from " + Durations.show(min) + " to " + Durations.show(max));
            return Optional.empty();
        }
        return duration;
    }

    static Optional<Duration> parseDuration(String text) {
        String trimmed = text.trim();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("PT")) {
            try {
                return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher matcher = DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (trimmed.isEmpty() || !matcher.matches()) {
            return Optional.empty();
        }
        Duration duration = Duration.ZERO;
        if (matcher.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(matcher.group(1)));
        }
        if (matcher.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(matcher.group(2)));
        }
        if (matcher.group(3) != null) {
            duration = duration.plusMillis(Math.round(Double.parseDouble(matcher.group(3)) * 1000));
        }
        if (matcher.group(4) != null) {
            duration = duration.plusMillis(Long.parseLong(matcher.group(4)));
        }
        return Optional.of(duration);
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
