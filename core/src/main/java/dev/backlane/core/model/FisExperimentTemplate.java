package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An AWS FIS experiment template ({@code EXT…}), kept as the checked members of the model's
 * {@code ExperimentTemplate} ({@code description}, {@code roleArn}, {@code stopConditions}, {@code targets},
 * {@code actions}, {@code experimentOptions}, {@code logConfiguration}) as JSON-shaped values, so that a member FIS
 * checks later (a stop condition's alarm) needs no new field here. The client token it was made with is kept for
 * {@code CreateExperimentTemplate}'s idempotency; its tags are kept in the record, as FIS's ARNs share no namespace with
 * EC2 IDs.
 */
public record FisExperimentTemplate(String id, String clientToken, Map<String, Object> members, Instant creationTime, Instant lastUpdateTime,
        SortedMap<String, String> tags) implements Resource {
    public FisExperimentTemplate {
        requireNonNull(id, "id is null");
        requireNonNull(clientToken, "clientToken is null");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(members, "members is null")));
        requireNonNull(creationTime, "creationTime is null");
        requireNonNull(lastUpdateTime, "lastUpdateTime is null");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn(Scope scope) {
        return "arn:aws:fis:" + scope.region() + ":" + scope.account() + ":experiment-template/" + id;
    }

    public FisExperimentTemplate withMembers(Map<String, Object> replacement, Instant updated) {
        return new FisExperimentTemplate(id, clientToken, replacement, creationTime, updated, tags);
    }

    public FisExperimentTemplate withTags(SortedMap<String, String> replacement) {
        return new FisExperimentTemplate(id, clientToken, members, creationTime, lastUpdateTime, replacement);
    }
}
