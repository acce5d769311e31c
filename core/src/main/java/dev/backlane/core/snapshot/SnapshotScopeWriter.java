package dev.backlane.core.snapshot;

import dev.backlane.core.model.Resource;
import dev.backlane.core.model.ResourceTags;
import dev.backlane.core.model.ResourceType;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.SecurityGroup;
import dev.backlane.core.network.SecurityGroupRecords;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes one scope of a read snapshot into a running cloud, as one command, so the changes are stored
 * durably like any other. Imported resources keep their IDs; one whose ID is already taken replaces the
 * resource there (and its tags). In a scope the cloud had never seen, the defaults Backlane just made
 * for it (a default VPC, ...) are removed first: the snapshot is that account's state.
 */
public final class SnapshotScopeWriter {
    private SnapshotScopeWriter() {}

    /** Writes the transaction's scope of {@code snapshot}; gives the number of resources written, tags not counted. */
    public static int write(Transaction transaction, World snapshot, boolean scopeIsNew) {
        if (scopeIsNew) {
            removeEverything(transaction);
        }
        int written = 0;
        for (ResourceType<?> type : ResourceTypes.all()) {
            if (type == ResourceTypes.TAGS || type == ResourceTypes.IDEMPOTENCY || type == ResourceTypes.SECURITY_GROUP_RULE) {
                continue;
            }
            for (Resource resource : snapshot.all(transaction.scope(), type)) {
                if (type == ResourceTypes.SECURITY_GROUP) {
                    SecurityGroupRecords.save(transaction, (SecurityGroup) resource);
                } else {
                    put(transaction, type, resource);
                }
                Optional<ResourceTags> tags = snapshot.find(transaction.scope(), ResourceTypes.TAGS, resource.id());
                if (tags.isPresent()) {
                    transaction.setTags(resource.id(), type.name(), tags.get().tags());
                } else if (!transaction.tags(resource.id()).isEmpty()) {
                    transaction.setTags(resource.id(), type.name(), new TreeMap<>());
                }
                written++;
            }
        }
        return written;
    }

    private static void removeEverything(Transaction transaction) {
        for (ResourceType<?> type : ResourceTypes.all()) {
            List<String> ids = new ArrayList<>();
            transaction.all(type).forEach(resource -> ids.add(resource.id()));
            ids.forEach(id -> transaction.remove(type, id));
        }
    }

    private static <T extends Resource> void put(Transaction transaction, ResourceType<T> type, Resource resource) {
        transaction.put(type, type.cast(resource));
    }
}
