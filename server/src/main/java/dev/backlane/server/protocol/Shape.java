package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * One shape of a service model: a structure's members and required members, a list's element, a
 * map's key and value, a string's enum values and pattern, a number's or length's bounds.
 */
public record Shape(
        String name,
        ShapeType type,
        Map<String, Member> members,
        Set<String> required,
        Member listMember,
        Member mapKey,
        Member mapValue,
        boolean flattened,
        Set<String> enumValues,
        Double min,
        Double max,
        String timestampFormat,
        String pattern) {

    public Shape {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        members = members == null ? Map.of() : members;
        required = required == null ? Set.of() : required;
        enumValues = enumValues == null ? Set.of() : enumValues;
    }

    public Member member(String memberName) {
        return members.get(memberName);
    }
}
