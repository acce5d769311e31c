package dev.backlane.core.snapshot;

import static dev.backlane.core.snapshot.SnapshotJson.integer;
import static dev.backlane.core.snapshot.SnapshotJson.items;
import static dev.backlane.core.snapshot.SnapshotJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.PrefixListVersion;
import dev.backlane.core.model.ResourceTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * ManagedPrefixLists of describe-managed-prefix-lists. That call does not list entries; they are read
 * from an {@code Entries} member (get-managed-prefix-list-entries' output merged into the item) when
 * present. A list already read with CIDRs (from describe-prefix-lists) is not replaced by an empty one.
 */
final class ManagedPrefixListImporter implements KindImporter {
    @Override
    public void read(JsonNode item, ImportContext context) {
        String id = text(item, "PrefixListId");
        if (id == null) {
            context.note("a managed prefix list without PrefixListId is skipped");
            return;
        }
        List<PrefixListEntry> entries = new ArrayList<>();
        for (JsonNode entry : items(item, "Entries")) {
            String cidr = text(entry, "Cidr");
            if (cidr != null) {
                entries.add(new PrefixListEntry(cidr, text(entry, "Description")));
            }
        }
        boolean known = context.find(ResourceTypes.PREFIX_LIST, id).map(list -> !list.entries().isEmpty()).orElse(false);
        if (entries.isEmpty() && known) {
            return;
        }
        if (entries.isEmpty()) {
            context.note(id + ": the snapshot has no entries for this prefix list");
        }
        Integer version = integer(item, "Version");
        Integer maxEntries = integer(item, "MaxEntries");
        context.put(ResourceTypes.PREFIX_LIST, new ManagedPrefixList(id, text(item, "PrefixListName", id), text(item, "AddressFamily", "IPv4"),
                maxEntries == null ? Math.max(1, entries.size()) : maxEntries, text(item, "State", "create-complete"),
                List.of(new PrefixListVersion(version == null ? 1 : version, entries))), item);
    }
}
