package dev.backlane.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tags in core, without the wire: EC2's limits and reserved keys, and what DeleteTags matches. */
class TagCommandsTest {
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");

    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    private final String vpcId = cloud.snapshot(SCOPE).scope(SCOPE).all(ResourceTypes.VPC).stream().map(Vpc::id).findFirst().orElseThrow();

    @Test
    void createSetsTagsAndAMissingValueIsEmpty() {
        write(transaction -> TagCommands.create(transaction, List.of(vpcId), List.of(new TagCommands.Tag("Name", "main"),
                new TagCommands.Tag("team", null))));

        assertEquals(Map.of("Name", "main", "team", ""), tags());
    }

    @Test
    void deleteRemovesATagOnlyWhenItsValueMatchesOrIsNotGiven() {
        write(transaction -> TagCommands.create(transaction, List.of(vpcId), List.of(new TagCommands.Tag("a", "1"), new TagCommands.Tag("b", "2"),
                new TagCommands.Tag("c", "3"))));

        write(transaction -> TagCommands.delete(transaction, List.of(vpcId), List.of(new TagCommands.Tag("a", "other"),
                new TagCommands.Tag("b", "2"), new TagCommands.Tag("c", null))));

        assertEquals(Map.of("a", "1"), tags());
    }

    @Test
    void reservedKeysAndTooManyTagsAreRefusedAndNothingChanges() {
        AwsException reserved = refused(transaction -> TagCommands.create(transaction, List.of(vpcId), List.of(new TagCommands.Tag("ok", "1"),
                new TagCommands.Tag("aws:owner", "me"))));
        List<TagCommands.Tag> many = IntStream.rangeClosed(0, TagCommands.MAX_TAGS).mapToObj(i -> new TagCommands.Tag("k" + i, "v")).toList();
        AwsException tooMany = refused(transaction -> TagCommands.create(transaction, List.of(vpcId), many));

        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, reserved.code());
        assertEquals(ErrorCode.TAG_LIMIT_EXCEEDED, tooMany.code());
        assertEquals(Map.of(), tags());
    }

    @Test
    void anIdOfNoKnownKindAMalformedIdAndAMissingResourceGetTheirOwnErrors() {
        List<TagCommands.Tag> tag = List.of(new TagCommands.Tag("k", "v"));

        assertEquals(ErrorCode.INVALID_ID, refused(transaction -> TagCommands.create(transaction, List.of("widget-0123"), tag)).code());
        assertEquals(ErrorCode.INVALID_VPC_ID_MALFORMED, refused(transaction -> TagCommands.create(transaction, List.of("vpc-xyz"), tag)).code());
        assertEquals(ErrorCode.INVALID_VPC_ID_NOT_FOUND,
                refused(transaction -> TagCommands.create(transaction, List.of("vpc-0123456789abcdef0"), tag)).code());
    }

    private Map<String, String> tags() {
        return cloud.snapshot(SCOPE).scope(SCOPE).find(ResourceTypes.TAGS, vpcId).map(tags -> Map.copyOf(tags.tags())).orElse(Map.of());
    }

    private void write(Consumer<Transaction> command) {
        cloud.write(SCOPE, transaction -> {
            command.accept(transaction);
            return null;
        });
    }

    private AwsException refused(Consumer<Transaction> command) {
        return assertThrows(AwsException.class, () -> write(command));
    }
}
