package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An injected fault as the store keeps it: its ID ({@code fault-…}) and the fault's members as JSON-shaped values
 * (kind, scope, parameters, start and end time), written and read by the server. Kept so that a fault's time box holds
 * across a restart: on start, an ended fault is forgotten and a live one acts again until its original end.
 */
public record FaultRecord(String id, Map<String, Object> fault) implements Resource {
    public FaultRecord {
        requireNonNull(id, "id is null");
        fault = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fault, "fault is null")));
    }
}
