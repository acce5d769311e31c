package dev.backlane.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading members of the describe-* JSON, where any member may be absent or null. */
final class SnapshotJson {
    private SnapshotJson() {}

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static String text(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }

    /** A boolean member, also in the {@code {"Value": true}} form of describe-*-attribute. */
    static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode value = node == null ? null : node.get(field);
        if (value != null && value.isObject()) {
            value = value.get("Value");
        }
        if (value == null || value.isNull()) {
            return fallback;
        }
        return value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText());
    }

    static boolean has(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && !value.isNull();
    }

    static Integer integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isNumber() ? Integer.valueOf(value.intValue()) : Integer.valueOf(value.asText().trim());
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    /** The elements of an array member; none when it is absent. */
    static List<JsonNode> items(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        }
        return items;
    }

    /** An array of strings. */
    static List<String> texts(JsonNode node, String field) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items(node, field)) {
            if (!item.isNull() && !item.isContainerNode()) {
                texts.add(item.asText());
            }
        }
        return texts;
    }

    /** One member of each object of an array: the group IDs of {@code Groups}, ... */
    static List<String> texts(JsonNode node, String field, String member) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items(node, field)) {
            String value = text(item, member);
            if (value != null) {
                texts.add(value);
            }
        }
        return texts;
    }

    /** The {@code Tags} (or, for network interfaces, {@code TagSet}) of an item. */
    static SortedMap<String, String> tags(JsonNode item) {
        SortedMap<String, String> tags = new TreeMap<>();
        for (String field : new String[] {"Tags", "TagSet"}) {
            for (JsonNode tag : items(item, field)) {
                String key = text(tag, "Key");
                if (key != null) {
                    tags.put(key, text(tag, "Value", ""));
                }
            }
        }
        return tags;
    }
}
