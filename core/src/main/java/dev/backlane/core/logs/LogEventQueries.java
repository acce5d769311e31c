package dev.backlane.core.logs;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.logs.pattern.FilterPattern;
import dev.backlane.core.model.LogEvent;
import dev.backlane.core.model.LogEventBatch;
import dev.backlane.core.model.LogEventSizes;
import dev.backlane.core.model.LogGroup;
import dev.backlane.core.model.LogStream;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GetLogEvents and FilterLogEvents on one scope's state. Events are read in time order (ties in the order
 * they arrived); events older than the group's retention are gone, as AWS deletes them. A response holds at
 * most 10,000 events and 1 MB. GetLogEvents' tokens are AWS's forms, {@code f/<56 digits>/s} and
 * {@code b/<56 digits>/s}, naming the position after (or before) which the next page starts; at either end
 * of the stream the token passed in is returned again, which is how AWS's clients know to stop.
 */
public final class LogEventQueries {
    private final LogLimits limits;

    public LogEventQueries(LogLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** GetLogEvents' answer. */
    public record EventPage(List<StoredEvent> events, String nextForwardToken, String nextBackwardToken) {
        public EventPage {
            events = List.copyOf(events);
        }
    }

    /** FilterLogEvents' answer; {@code nextToken} null when there is nothing more. */
    public record FilteredPage(List<StoredEvent> events, String nextToken) {
        public FilteredPage {
            events = List.copyOf(events);
        }
    }

    /** What GetLogEvents asks; null members are absent. */
    public record EventRequest(Long startTime, Long endTime, boolean startFromHead, Integer limit, String nextToken) {}

    /** What FilterLogEvents asks; null members are absent. */
    public record FilterRequest(List<String> streamNames, String streamNamePrefix, Long startTime, Long endTime, String filterPattern,
            Integer limit, String nextToken) {
        public FilterRequest {
            streamNames = streamNames == null ? List.of() : List.copyOf(streamNames);
        }
    }

    public EventPage getLogEvents(ScopeState state, Instant now, String groupName, String streamName, EventRequest request) {
        LogGroup group = state.find(ResourceTypes.LOG_GROUP, groupName).orElseThrow(() -> ResourceTypes.LOG_GROUP.notFound(groupName));
        LogStream stream = state.find(ResourceTypes.LOG_STREAM, LogStream.idOf(groupName, streamName))
                .orElseThrow(() -> ResourceTypes.LOG_STREAM.notFound(streamName));
        requireTimeRange(request.startTime(), request.endTime());
        int limit = limit(request.limit());
        List<StoredEvent> events = eventsOf(state, group, stream, now, request.startTime(), request.endTime());
        String token = request.nextToken();
        boolean forward;
        EventPosition from;
        if (token == null) {
            forward = request.startFromHead();
            from = null;
        } else {
            forward = token.startsWith("f/");
            if (!forward && !token.startsWith("b/") || !token.endsWith("/s") || token.length() < 4) {
                throw LogGroupQueries.invalidToken();
            }
            from = EventPosition.parse(token.substring(2, token.length() - 2)).orElseThrow(LogGroupQueries::invalidToken);
        }
        List<StoredEvent> page;
        if (forward) {
            int start = from == null ? 0 : firstAfter(events, from);
            page = headOf(events.subList(start, events.size()), limit);
        } else {
            int end = from == null ? events.size() : firstAfter(events, new EventPosition(from.timestamp(), from.batch(), from.index() - 1));
            page = tailOf(events.subList(0, end), limit);
        }
        if (page.isEmpty()) {
            EventPosition at = from == null ? EventPosition.START : from;
            String forwardToken = forward && token != null ? token : "f/" + at.digits() + "/s";
            String backwardToken = !forward && token != null ? token : "b/" + next(at) + "/s";
            return new EventPage(page, forwardToken, backwardToken);
        }
        return new EventPage(page, "f/" + page.get(page.size() - 1).position().digits() + "/s", "b/" + page.get(0).position().digits() + "/s");
    }

    public FilteredPage filterLogEvents(ScopeState state, Instant now, String groupName, FilterRequest request) {
        LogGroup group = state.find(ResourceTypes.LOG_GROUP, groupName).orElseThrow(() -> ResourceTypes.LOG_GROUP.notFound(groupName));
        if (!request.streamNames().isEmpty() && request.streamNamePrefix() != null) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "Cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        requireTimeRange(request.startTime(), request.endTime());
        FilterPattern pattern = FilterPattern.parse(request.filterPattern() == null ? "" : request.filterPattern());
        int limit = limit(request.limit());
        Comparator<StoredEvent> order = Comparator.comparingLong(StoredEvent::timestamp).thenComparing(StoredEvent::streamName)
                .thenComparing(StoredEvent::position);
        StoredEvent after = request.nextToken() == null ? null : markerOf(request.nextToken(), groupName);
        List<StoredEvent> matching = new ArrayList<>();
        for (LogStream stream : LogGroupQueries.streamsOf(state, groupName)) {
            boolean named = request.streamNames().isEmpty() || request.streamNames().contains(stream.name());
            boolean prefixed = request.streamNamePrefix() == null || stream.name().startsWith(request.streamNamePrefix());
            if (!named || !prefixed) {
                continue;
            }
            for (StoredEvent event : eventsOf(state, group, stream, now, request.startTime(), request.endTime())) {
                if ((after == null || order.compare(event, after) > 0) && pattern.matches(event.message())) {
                    matching.add(event);
                }
            }
        }
        matching.sort(order);
        List<StoredEvent> page = headOf(matching, limit);
        String token = page.size() < matching.size() ? tokenOf(page.get(page.size() - 1), groupName) : null;
        return new FilteredPage(page, token);
    }

    /** The stream's events in [startTime, endTime) still within the group's retention, in position order. */
    private List<StoredEvent> eventsOf(ScopeState state, LogGroup group, LogStream stream, Instant now, Long startTime, Long endTime) {
        long retainedFrom = group.retentionInDays() == null ? Long.MIN_VALUE
                : now.minus(Duration.ofDays(group.retentionInDays())).toEpochMilli();
        long from = Math.max(retainedFrom, startTime == null ? Long.MIN_VALUE : startTime);
        long to = endTime == null ? Long.MAX_VALUE : endTime;
        List<StoredEvent> events = new ArrayList<>();
        for (LogEventBatch batch : LogGroupQueries.batchesOf(state, group.name(), stream.name())) {
            List<LogEvent> batchEvents = batch.events();
            for (int i = 0; i < batchEvents.size(); i++) {
                LogEvent event = batchEvents.get(i);
                if (event.timestamp() >= from && event.timestamp() < to) {
                    events.add(new StoredEvent(stream.name(), new EventPosition(event.timestamp(), batch.number(), i), batch.ingestionTime(), event));
                }
            }
        }
        events.sort(Comparator.comparing(StoredEvent::position));
        return events;
    }

    /** The first events that fit one response: at most {@code limit}, and at most the response's bytes. */
    private List<StoredEvent> headOf(List<StoredEvent> events, int limit) {
        List<StoredEvent> page = new ArrayList<>();
        long bytes = 0;
        for (StoredEvent event : events) {
            bytes += LogEventSizes.sizeOf(event.event());
            if (page.size() == limit || (bytes > limits.maxReadBytes() && !page.isEmpty())) {
                break;
            }
            page.add(event);
        }
        return page;
    }

    /** The last events that fit one response, in time order. */
    private List<StoredEvent> tailOf(List<StoredEvent> events, int limit) {
        List<StoredEvent> page = new ArrayList<>();
        long bytes = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            bytes += LogEventSizes.sizeOf(events.get(i).event());
            if (page.size() == limit || (bytes > limits.maxReadBytes() && !page.isEmpty())) {
                break;
            }
            page.add(0, events.get(i));
        }
        return page;
    }

    private static int firstAfter(List<StoredEvent> events, EventPosition position) {
        int low = 0;
        int high = events.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (events.get(middle).position().compareTo(position) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static String next(EventPosition position) {
        return String.format("%056d", new BigInteger(position.digits()).add(BigInteger.ONE));
    }

    private int limit(Integer requested) {
        if (requested == null) {
            return limits.maxReadEvents();
        }
        if (requested < 1 || requested > limits.maxReadEvents()) {
            throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                    "1 validation error detected: Value '%d' at 'limit' failed to satisfy constraint: Member must have value %s", requested,
                    requested < 1 ? "greater than or equal to 1" : "less than or equal to " + limits.maxReadEvents());
        }
        return requested;
    }

    private static void requireTimeRange(Long startTime, Long endTime) {
        if (startTime != null && startTime < 0 || endTime != null && endTime < 0) {
            throw AwsException.of(ErrorCode.VALIDATION_EXCEPTION,
                    "1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have value greater than or equal to 0",
                    startTime != null && startTime < 0 ? "startTime" : "endTime");
        }
        if (startTime != null && endTime != null && startTime > endTime) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_EXCEPTION, "The parameter startTime must be less than or equal to endTime.");
        }
    }

    private static String tokenOf(StoredEvent last, String groupName) {
        return LogGroupQueries.encode("e", groupName + "\n" + last.streamName() + "\n" + last.position().digits());
    }

    private static StoredEvent markerOf(String token, String groupName) {
        String[] parts = LogGroupQueries.decode(token, "e").split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(groupName)) {
            throw LogGroupQueries.invalidToken();
        }
        EventPosition position = EventPosition.parse(parts[2]).orElseThrow(LogGroupQueries::invalidToken);
        return new StoredEvent(parts[1], position, 0, new LogEvent(position.timestamp(), ""));
    }
}
