package dev.backlane.core.logs;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.LogEventBatch;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * DescribeLogGroups and DescribeLogStreams on one scope's state, with AWS's filters, orders and paging. A
 * page's token names the last item it held, so a page never repeats or skips an item that stays.
 */
public final class LogGroupQueries {
    private LogGroupQueries() {}

    /** A page of a listing and the token of the next page (null on the last). */
    public record Page<T>(List<T> items, String nextToken) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The orders DescribeLogStreams knows. */
    public enum StreamOrder {
        LOG_STREAM_NAME,
        LAST_EVENT_TIME
    }

    public static Page<LogGroup> describeGroups(ScopeState state, String namePrefix, String namePattern, String groupClass, int limit,
            String nextToken) {
        if (namePrefix != null && namePattern != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive.");
        }
        String after = nextToken == null ? null : decode(nextToken, "g");
        Predicate<LogGroup> wanted = group -> (namePrefix == null || group.name().startsWith(namePrefix))
                && (namePattern == null || group.name().contains(namePattern))
                && (groupClass == null || group.logGroupClass().equals(groupClass));
        List<LogGroup> page = new ArrayList<>();
        Iterable<LogGroup> candidates = after == null ? state.all(ResourceTypes.LOG_GROUP) : state.after(ResourceTypes.LOG_GROUP, after);
        for (LogGroup group : candidates) {
            if (namePrefix != null && group.name().compareTo(namePrefix) > 0 && !group.name().startsWith(namePrefix)) {
                break;
            }
            if (!wanted.test(group)) {
                continue;
            }
            if (page.size() == limit) {
                return new Page<>(page, encode("g", page.get(page.size() - 1).name()));
            }
            page.add(group);
        }
        return new Page<>(page, null);
    }

    /** The bytes a group holds: the sum of its streams' (AWS reports a stream's own as 0 since 2019). */
    public static long storedBytes(ScopeState state, String groupName) {
        return streamsOf(state, groupName).stream().mapToLong(LogStream::storedBytes).sum();
    }

    public static Page<LogStream> describeStreams(ScopeState state, String groupName, String namePrefix, StreamOrder order, boolean descending,
            int limit, String nextToken) {
        if (!state.find(ResourceTypes.LOG_GROUP, groupName).isPresent()) {
            throw ResourceTypes.LOG_GROUP.notFound(groupName);
        }
        if (order == StreamOrder.LAST_EVENT_TIME && namePrefix != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        Comparator<LogStream> comparator = switch (order) {
            case LOG_STREAM_NAME -> Comparator.comparing(LogStream::name);
            case LAST_EVENT_TIME -> Comparator.<LogStream>comparingLong(stream -> stream.lastEventTimestamp() == null ? 0 : stream.lastEventTimestamp())
                    .thenComparing(LogStream::name);
        };
        if (descending) {
            comparator = comparator.reversed();
        }
        List<LogStream> streams = new ArrayList<>(streamsOf(state, groupName));
        streams.removeIf(stream -> namePrefix != null && !stream.name().startsWith(namePrefix));
        streams.sort(comparator);
        int start = 0;
        if (nextToken != null) {
            String[] last = decode(nextToken, "s").split("\n", 2);
            if (last.length != 2) {
                throw invalidToken();
            }
            LogStream marker = new LogStream(LogStream.idOf(groupName, last[1]), groupName, last[1], java.time.Instant.EPOCH, null,
                    last[0].isEmpty() ? null : Long.parseLong(last[0]), null, 0, 0);
            while (start < streams.size() && comparator.compare(streams.get(start), marker) <= 0) {
                start++;
            }
        }
        int end = Math.min(streams.size(), start + limit);
        List<LogStream> page = streams.subList(start, end);
        String token = end < streams.size() ? encode("s", markerOf(page.get(page.size() - 1))) : null;
        return new Page<>(page, token);
    }

    private static String markerOf(LogStream stream) {
        return (stream.lastEventTimestamp() == null ? "" : stream.lastEventTimestamp().toString()) + "\n" + stream.name();
    }

    /** The group's streams in name order: one range of the stream table, whose IDs are the group's name, a colon and the stream's. */
    public static List<LogStream> streamsOf(ScopeState state, String groupName) {
        String prefix = LogStream.idOf(groupName, "");
        List<LogStream> streams = new ArrayList<>();
        for (LogStream stream : state.after(ResourceTypes.LOG_STREAM, prefix)) {
            if (!stream.id().startsWith(prefix)) {
                break;
            }
            streams.add(stream);
        }
        return streams;
    }

    /** A stream's batches in the order they were appended. */
    public static List<LogEventBatch> batchesOf(ScopeState state, String groupName, String streamName) {
        String prefix = LogEventBatch.prefixOf(groupName, streamName);
        List<LogEventBatch> batches = new ArrayList<>();
        for (LogEventBatch batch : state.after(ResourceTypes.LOG_EVENT_BATCH, prefix)) {
            if (!batch.id().startsWith(prefix)) {
                break;
            }
            batches.add(batch);
        }
        return batches;
    }

    static String encode(String kind, String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((kind + "/" + value).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token, String kind) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(kind + "/")) {
                throw invalidToken();
            }
            return text.substring(kind.length() + 1);
        } catch (IllegalArgumentException malformed) {
            throw invalidToken();
        }
    }

    static AwsException invalidToken() {
        return AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "The specified nextToken is invalid.");
    }
}
