package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.InternetGateway;
import dev.backlane.core.model.ResourceTypes;

/** InternetGateways of describe-internet-gateways, attached to the VPC of their attachment (state available, or attached). */
final class InternetGatewayImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "InternetGatewayId");
        if (id == null) {
            context.note("an internet gateway without InternetGatewayId is skipped");
            return;
        }
        String vpcId = null;
        for (JsonNode attachment : items(item, "Attachments")) {
            String state = text(attachment, "State", "available");
            if (state.equals("available") || state.equals("attached")) {
                vpcId = text(attachment, "VpcId");
            }
        }
        context.put(ResourceTypes.INTERNET_GATEWAY, new InternetGateway(id, vpcId), item);
    }
}
