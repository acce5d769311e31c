package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A started AWS FIS experiment ({@code EXP…}): the members its template gave it (targets resolved to the resources
 * chosen), when each action starts and ends, the faults its actions made, and when it was stopped (null while not).
 * Its state is not stored but read from the clock against these times, so an experiment read after a restart is in
 * the state it would have reached had the server kept running. {@code restarted} names the stop-instances actions whose
 * instances have been started again (after {@code startInstancesAfterDuration}, or when the experiment stopped first);
 * {@code aclSwaps} the subnets its disrupt-connectivity actions moved to FIS network ACLs and not yet moved back.
 */
public record FisExperiment(String id, String clientToken, Map<String, Object> members, Instant startTime, Map<String, Instant> actionStarts,
        Map<String, Instant> actionEnds, List<String> faultIds, Instant stoppedAt, SortedMap<String, String> tags, List<String> restarted,
        List<NetworkAclSwap> aclSwaps) implements Resource {
    public FisExperiment {
        requireNonNull(id, "id is null");
        requireNonNull(clientToken, "clientToken is null");
        members = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(members, "members is null")));
        requireNonNull(startTime, "startTime is null");
        actionStarts = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(actionStarts, "actionStarts is null")));
        actionEnds = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(actionEnds, "actionEnds is null")));
        faultIds = List.copyOf(requireNonNull(faultIds, "faultIds is null"));
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
        restarted = restarted == null ? List.of() : List.copyOf(restarted);
        aclSwaps = aclSwaps == null ? List.of() : List.copyOf(aclSwaps);
    }

    public String arn(Scope scope) {
        return "arn:aws:fis:" + scope.region() + ":" + scope.account() + ":experiment/" + id;
    }

    /** When its last action ends: the experiment completes then unless stopped before. */
    public Instant endTime() {
        return actionEnds.values().stream().max(Instant::compareTo).orElse(startTime);
    }

    public FisExperiment stopped(Instant at) {
        return new FisExperiment(id, clientToken, members, startTime, actionStarts, actionEnds, faultIds, at, tags, restarted, aclSwaps);
    }

    /** The experiment with other members (Backlane's own, such as why it stopped, among them). */
    public FisExperiment withMembers(Map<String, Object> replacement) {
        return new FisExperiment(id, clientToken, replacement, startTime, actionStarts, actionEnds, faultIds, stoppedAt, tags, restarted, aclSwaps);
    }

    public FisExperiment withTags(SortedMap<String, String> replacement) {
        return new FisExperiment(id, clientToken, members, startTime, actionStarts, actionEnds, faultIds, stoppedAt, replacement, restarted, aclSwaps);
    }

    /** The experiment once the instances its action {@code name} stopped have been started again. */
    public FisExperiment withRestarted(String name) {
        List<String> more = new java.util.ArrayList<>(restarted);
        more.add(name);
        return new FisExperiment(id, clientToken, members, startTime, actionStarts, actionEnds, faultIds, stoppedAt, tags, more, aclSwaps);
    }

    /** The experiment with only these subnets still owed their own network ACL. */
    public FisExperiment withAclSwaps(List<NetworkAclSwap> remaining) {
        return new FisExperiment(id, clientToken, members, startTime, actionStarts, actionEnds, faultIds, stoppedAt, tags, restarted, remaining);
    }
}
