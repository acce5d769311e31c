package dev.backlane.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The AWS SDK for Java v2's CloudWatch Logs client against Backlane: groups, streams, events, filter patterns, paginators, errors. */
class LogsSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    @Test
    void flowLogRecordsArePutReadAndFiltered() {
        CloudWatchLogsClient logs = backlane.logs("222222222222");
        logs.createLogGroup(r -> r.logGroupName("/vpc/flow-logs").tags(Map.of("team", "net")));
        logs.putRetentionPolicy(r -> r.logGroupName("/vpc/flow-logs").retentionInDays(7));
        logs.createLogStream(r -> r.logGroupName("/vpc/flow-logs").logStreamName("eni-0a1b2c3d4e5f60718-all"));
        long now = Instant.now().toEpochMilli();
        List<InputLogEvent> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String action = i % 3 == 0 ? "REJECT" : "ACCEPT";
            records.add(InputLogEvent.builder().timestamp(now - 60_000 + i)
                    .message("2 222222222222 eni-0a1b2c3d4e5f60718 10.0.1.5 10.0.2.9 4" + i + "000 443 6 10 840 1700000000 1700000060 " + action + " OK")
                    .build());
        }
        PutLogEventsResponse put = logs.putLogEvents(r -> r.logGroupName("/vpc/flow-logs").logStreamName("eni-0a1b2c3d4e5f60718-all")
                .logEvents(records));
        assertNull(put.rejectedLogEventsInfo());

        LogGroup group = logs.describeLogGroups(r -> r.logGroupNamePrefix("/vpc/")).logGroups().get(0);
        assertEquals(7, group.retentionInDays());
        assertEquals("arn:aws:logs:us-east-1:222222222222:log-group:/vpc/flow-logs", group.logGroupArn());
        assertTrue(group.storedBytes() > 30 * 26, group.toString());

        List<OutputLogEvent> read = new ArrayList<>();
        String token = null;
        while (true) {
            String from = token;
            GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("/vpc/flow-logs").logStreamName("eni-0a1b2c3d4e5f60718-all")
                    .startFromHead(true).limit(7).nextToken(from));
            read.addAll(page.events());
            if (page.nextForwardToken().equals(from)) {
                break;
            }
            token = page.nextForwardToken();
        }
        assertEquals(records.stream().map(InputLogEvent::message).toList(), read.stream().map(OutputLogEvent::message).toList());

        List<FilteredLogEvent> rejects = logs.filterLogEventsPaginator(r -> r.logGroupName("/vpc/flow-logs").limit(4)
                .filterPattern("[version, account, eni, source, destination, srcport, destport=\"443\", protocol, packets, bytes, "
                        + "windowstart, windowend, action=\"REJECT\", flowlogstatus]"))
                .events().stream().toList();
        assertEquals(10, rejects.size());
        assertTrue(rejects.stream().allMatch(event -> event.message().contains(" REJECT ")));
        assertEquals("eni-0a1b2c3d4e5f60718-all", rejects.get(0).logStreamName());
    }

    @Test
    void errorsAreTheModelsExceptions() {
        CloudWatchLogsClient logs = backlane.logs("333333333333");
        logs.createLogGroup(r -> r.logGroupName("dup"));
        assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(r -> r.logGroupName("dup")));
        assertThrows(ResourceNotFoundException.class, () -> logs.putLogEvents(r -> r.logGroupName("dup").logStreamName("none")
                .logEvents(InputLogEvent.builder().timestamp(Instant.now().toEpochMilli()).message("m").build())));
        InvalidParameterException retention = assertThrows(InvalidParameterException.class,
                () -> logs.putRetentionPolicy(r -> r.logGroupName("dup").retentionInDays(2)));
        assertEquals(400, retention.statusCode());
        logs.createLogStream(r -> r.logGroupName("dup").logStreamName("s"));
        long now = Instant.now().toEpochMilli();
        assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(r -> r.logGroupName("dup").logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(now).message("b").build(), InputLogEvent.builder().timestamp(now - 1).message("a").build())));
        PutLogEventsResponse old = logs.putLogEvents(r -> r.logGroupName("dup").logStreamName("s").logEvents(
                InputLogEvent.builder().timestamp(now - 15L * 24 * 3_600_000).message("old").build()));
        assertEquals(1, old.rejectedLogEventsInfo().tooOldLogEventEndIndex());
    }
}
