package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One record per flow per interface per aggregation window, bounded memory, and AWS's record text at the end. */
class FlowAggregatorTest {
    private static final FlowKey SSH = new FlowKey("172.31.16.139", 20641, "172.31.16.21", 22, FlowKey.TCP);
    private static final String ENI = "eni-1235b8ca123456789";

    @Test
    void samplesOfOneFlowInOneWindowBecomeOneRecord() {
        FlowAggregator aggregator = new FlowAggregator(60, 100);
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 4, 1000, TcpFlags.SYN, 1418530010));
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 16, 3249, TcpFlags.FIN, 1418530019));

        List<AggregatedFlow> flows = aggregator.flush(1418530020);

        assertEquals(1, flows.size());
        assertEquals("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530019 ACCEPT OK",
                FlowLogFormat.DEFAULT.format(flows.get(0).record("123456789010").build()));
        assertEquals("3", flows.get(0).record("123456789010").build().value(FlowLogField.TCP_FLAGS));
    }

    @Test
    void aWindowIsGivenOutOnlyOnceItHasEnded() {
        FlowAggregator aggregator = new FlowAggregator(60, 100);
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 1, 100, 0, 1418530030));

        assertEquals(List.of(), aggregator.flush(1418530079));
        assertEquals(1, aggregator.flush(1418530080).size());
        assertEquals(0, aggregator.openFlows());
    }

    @Test
    void windowsInterfacesActionsAndDirectionsAreSeparateRecords() {
        FlowAggregator aggregator = new FlowAggregator(600, 100);
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 1, 100, 0, 1418529600));
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 1, 100, 0, 1418530200));
        aggregator.add(sample("eni-0000000000000000b", SSH, FlowAction.ACCEPT, 1, 100, 0, 1418529601));
        aggregator.add(sample(ENI, SSH, FlowAction.REJECT, 1, 100, 0, 1418529602));
        aggregator.add(sample(ENI, SSH.reversed(), FlowAction.ACCEPT, 1, 100, 0, 1418529603));

        List<AggregatedFlow> flows = aggregator.drain();

        assertEquals(5, flows.size());
        assertEquals("eni-0000000000000000b", flows.get(0).interfaceId());
        assertEquals(1418530200, flows.get(flows.size() - 1).startSeconds());
    }

    @Test
    void pastTheLimitNewFlowsAreSkippedAndTheirWindowGetsASkipdataRecord() {
        FlowAggregator aggregator = new FlowAggregator(60, 1);
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 1, 100, 0, 1418530000));
        aggregator.add(sample(ENI, SSH.reversed(), FlowAction.ACCEPT, 1, 100, 0, 1418530001));
        aggregator.add(sample(ENI, SSH, FlowAction.ACCEPT, 1, 100, 0, 1418530002));

        List<AggregatedFlow> flows = aggregator.flush(1418530060);

        assertEquals(2, flows.size());
        assertEquals(2, flows.get(0).packets());
        AggregatedFlow skipped = flows.get(1);
        assertEquals(LogStatus.SKIPDATA, skipped.status());
        assertEquals("2 123456789010 eni-1235b8ca123456789 - - - - - - - 1418529960 1418530019 - SKIPDATA",
                FlowLogFormat.DEFAULT.format(skipped.record("123456789010").build()));
    }

    @Test
    void udpRecordsHaveNoTcpFlags() {
        FlowAggregator aggregator = new FlowAggregator(60, 10);
        aggregator.add(sample(ENI, new FlowKey("10.0.0.5", 53000, "10.0.0.2", 53, FlowKey.UDP), FlowAction.ACCEPT, 1, 80, 0, 1418530000));

        FlowLogRecord record = aggregator.drain().get(0).record("123456789010").build();

        assertEquals("-", record.value(FlowLogField.TCP_FLAGS));
        assertEquals("IPv4", record.value(FlowLogField.TYPE));
        assertTrue(FlowLogFormat.DEFAULT.format(record).contains(" 17 1 80 "));
    }

    private static FlowSample sample(String eni, FlowKey key, FlowAction action, long packets, long bytes, int flags, long second) {
        return new FlowSample(eni, key, action, packets, bytes, flags, Instant.ofEpochSecond(second));
    }
}
