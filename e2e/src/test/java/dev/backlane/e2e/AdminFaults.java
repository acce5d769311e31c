package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;

/** Faults made and removed through {@code /_backlane/faults}, asserting the admin API's answer. */
final class AdminFaults {
    private AdminFaults() {
    }

    /** Makes the fault (201) and returns it as described. */
    static JsonNode create(String endpoint, ObjectNode request) {
        HttpResponse<String> response = WorkloadNetwork.admin(endpoint, "POST", "/_backlane/faults", request.toString());
        assertEquals(201, response.statusCode(), response.body());
        return WorkloadNetwork.json(response.body());
    }

    /** Removes the fault (200). */
    static void remove(String endpoint, String faultId) {
        assertEquals(200, WorkloadNetwork.admin(endpoint, "DELETE", "/_backlane/faults/" + faultId, null).statusCode());
    }
}
