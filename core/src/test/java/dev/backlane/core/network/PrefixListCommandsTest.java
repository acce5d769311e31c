package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ManagedPrefixList;
import dev.backlane.core.model.PrefixListEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Customer-managed prefix lists in core, without the wire: versions, entries within the maximum, optimistic versions. */
class PrefixListCommandsTest {
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    private final PrefixListCommands commands = new PrefixListCommands(Quotas.awsDefaults(), new PrefixListLookup(AwsPrefixListCatalog.standard()));

    @Test
    void aNewListIsVersionOneAndEachEntryChangeMakesTheNextVersion() {
        ManagedPrefixList list = create(List.of(new PrefixListEntry("10.0.0.0/16", "office")));
        ManagedPrefixList modified = cloud.write(SCOPE, transaction -> commands.modify(transaction, new PrefixListCommands.ModifyList(list.id(),
                1L, null, null, List.of(new PrefixListEntry("10.1.0.0/16", null)), List.of("10.0.0.0/16"))));

        assertEquals(1, list.version());
        assertEquals(2, modified.version());
        assertEquals(List.of("10.1.0.0/16"), modified.entries().stream().map(PrefixListEntry::cidr).toList());
        assertEquals(modified, cloud.snapshot().scope(SCOPE).find(ResourceTypes.PREFIX_LIST, list.id()).orElseThrow());
    }

    @Test
    void aStaleVersionIsRefusedAndNothingChanges() {
        ManagedPrefixList list = create(List.of());

        AwsException stale = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.modify(transaction,
                new PrefixListCommands.ModifyList(list.id(), 7L, null, null, List.of(new PrefixListEntry("10.1.0.0/16", null)), List.of()))));

        assertEquals(ErrorCode.PREFIX_LIST_VERSION_MISMATCH, stale.code());
        assertEquals(1, cloud.snapshot().scope(SCOPE).find(ResourceTypes.PREFIX_LIST, list.id()).orElseThrow().version());
    }

    @Test
    void entriesMustFitTheMaximumAndTheMaximumCannotChangeWithThem() {
        ManagedPrefixList list = create(List.of(new PrefixListEntry("10.0.0.0/16", null), new PrefixListEntry("10.1.0.0/16", null)));

        AwsException overfull = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.modify(transaction,
                new PrefixListCommands.ModifyList(list.id(), null, null, null, List.of(new PrefixListEntry("10.2.0.0/16", null)), List.of()))));
        AwsException both = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.modify(transaction,
                new PrefixListCommands.ModifyList(list.id(), null, null, 5, List.of(new PrefixListEntry("10.2.0.0/16", null)), List.of()))));
        AwsException belowEntries = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.modify(transaction,
                new PrefixListCommands.ModifyList(list.id(), null, null, 1, List.of(), List.of()))));

        assertEquals(ErrorCode.PREFIX_LIST_MAX_ENTRIES_EXCEEDED, overfull.code());
        assertEquals(ErrorCode.INVALID_PARAMETER_COMBINATION, both.code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, belowEntries.code());
        assertEquals(2, cloud.snapshot().scope(SCOPE).find(ResourceTypes.PREFIX_LIST, list.id()).orElseThrow().entries().size());
    }

    @Test
    void anAddressFamilyOtherThanIpv4OrIpv6IsRefused() {
        AwsException error = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.create(transaction,
                new PrefixListCommands.CreateList("office", "ipv4", 2, List.of()))));

        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, error.code());
    }

    private ManagedPrefixList create(List<PrefixListEntry> entries) {
        return cloud.write(SCOPE, transaction -> commands.create(transaction, new PrefixListCommands.CreateList("office", "IPv4", 2, entries)));
    }
}
