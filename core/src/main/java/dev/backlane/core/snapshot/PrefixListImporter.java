package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.text;
import static dev.backlane.core.snapshot.SnapshotJson.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.PrefixListVersion;
import dev.backlane.core.model.ResourceTypes;
import java.util.List;

/**
 * PrefixLists of describe-prefix-lists: the AWS services' lists (S3, DynamoDB) with the CIDRs they
 * held when the snapshot was taken, which gateway endpoint routes and rules refer to.
 */
final class PrefixListImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "PrefixListId");
        if (id == null) {
            context.note("a prefix list without PrefixListId is skipped");
            return;
        }
        List<PrefixListEntry> entries = texts(item, "Cidrs").stream().map(cidr -> new PrefixListEntry(cidr, null)).toList();
        context.put(ResourceTypes.PREFIX_LIST, new ManagedPrefixList(id, text(item, "PrefixListName", id), "IPv4", Math.max(1, entries.size()),
                "create-complete", List.of(new PrefixListVersion(1, entries))), item);
    }
}
