package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.object;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account and region of documents whose place in the layout does not say: the region from the
 * zones in the data (AvailabilityZones' RegionName, the zones of subnets, interfaces and instances),
 * the account from the OwnerId of the items. When several appear, the most frequent wins.
 */
final class ScopeInference {
    private static final List<String> OWNED = List.of("Vpcs", "Subnets", "SecurityGroups", "RouteTables", "NetworkAcls", "InternetGateways",
            "NetworkInterfaces", "Reservations", "VpcEndpoints");

    private ScopeInference() {}

    static Optional<String> region(List<JsonNode> roots) {
        Map<String, Integer> votes = new HashMap<>();
        for (JsonNode root : roots) {
            items(root, "AvailabilityZones").forEach(zone -> vote(votes, text(zone, "RegionName")));
            items(root, "Subnets").forEach(subnet -> vote(votes, SnapshotLayout.regionOfZone(text(subnet, "AvailabilityZone"))));
            items(root, "NetworkInterfaces").forEach(eni -> vote(votes, SnapshotLayout.regionOfZone(text(eni, "AvailabilityZone"))));
            for (JsonNode reservation : items(root, "Reservations")) {
                items(reservation, "Instances").forEach(instance ->
                        vote(votes, SnapshotLayout.regionOfZone(text(object(instance, "Placement"), "AvailabilityZone"))));
            }
        }
        return winner(votes);
    }

    static Optional<String> account(List<JsonNode> roots) {
        Map<String, Integer> votes = new HashMap<>();
        for (JsonNode root : roots) {
            for (String key : OWNED) {
                for (JsonNode item : items(root, key)) {
                    String owner = text(item, "OwnerId");
                    if (SnapshotLayout.isAccount(owner)) {
                        vote(votes, owner);
                    }
                }
            }
        }
        return winner(votes);
    }

    private static void vote(Map<String, Integer> votes, String value) {
        if (value != null) {
            votes.merge(value, 1, Integer::sum);
        }
    }

    private static Optional<String> winner(Map<String, Integer> votes) {
        // The most frequent; of equals, the first in order, so the choice does not depend on hashing.
        String best = null;
        for (Map.Entry<String, Integer> vote : new java.util.TreeMap<>(votes).entrySet()) {
            if (best == null || vote.getValue() > votes.get(best)) {
                best = vote.getKey();
            }
        }
        return Optional.ofNullable(best);
    }
}
