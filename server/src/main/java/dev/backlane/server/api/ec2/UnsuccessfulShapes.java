package dev.backlane.server.api.ec2;

import dev.backlane.core.endpointservice.UnsuccessfulItem;
import dev.backlane.server.api.Output;
import java.util.List;
import java.util.Map;

/** The {@code Unsuccessful} member of EC2's batch operations: each ID with its error's code and message. */
public final class UnsuccessfulShapes {
    private UnsuccessfulShapes() {}

    public static List<Map<String, Object>> items(List<UnsuccessfulItem> items) {
        return items.stream()
                .map(item -> Output.create()
                        .put("Error", Output.create().put("Code", item.code().code()).put("Message", item.message()).build())
                        .put("ResourceId", item.resourceId())
                        .build())
                .toList();
    }
}
