package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.flowlog.PacketEstimate.Closing;
import dev.backlane.core.flowlog.PacketEstimate.Estimate;
import dev.backlane.core.flowlog.PacketEstimate.Opening;
import org.junit.jupiter.api.Test;

/** How packets and bytes are counted from payload alone (docs/flow-logs.md). */
class PacketEstimateTest {
    @Test
    void payloadIsCutIntoFullSegmentsWithHeaders() {
        assertEquals(new Estimate(1, 100 + 52, 0), PacketEstimate.tcp(100, Opening.NONE, Closing.NONE));
        assertEquals(new Estimate(1, 1448 + 52, 0), PacketEstimate.tcp(1448, Opening.NONE, Closing.NONE));
        assertEquals(new Estimate(2, 1449 + 2 * 52, 0), PacketEstimate.tcp(1449, Opening.NONE, Closing.NONE));
    }

    @Test
    void theOpenerSendsSynAndTheLastAckAndTheAccepterSendsSynAck() {
        Estimate opener = PacketEstimate.tcp(0, Opening.INITIATOR, Closing.NONE);
        Estimate accepter = PacketEstimate.tcp(0, Opening.RESPONDER, Closing.NONE);

        assertEquals(new Estimate(2, 104, TcpFlags.SYN), opener);
        assertEquals(new Estimate(1, 52, TcpFlags.SYN_ACK), accepter);
    }

    @Test
    void closingAddsAFinOrRstPacketAndItsFlag() {
        assertEquals(new Estimate(4, 500 + 4 * 52, TcpFlags.SYN | TcpFlags.FIN), PacketEstimate.tcp(500, Opening.INITIATOR, Closing.FIN));
        assertEquals(new Estimate(2, 500 + 2 * 52, TcpFlags.RST), PacketEstimate.tcp(500, Opening.NONE, Closing.RST));
    }

    @Test
    void theDocumentedHttpsExampleCountsFourPacketsEachWay() {
        assertEquals(new Estimate(4, 725, TcpFlags.SYN | TcpFlags.FIN), PacketEstimate.tcp(517, Opening.INITIATOR, Closing.FIN));
        assertEquals(new Estimate(4, 3208, TcpFlags.SYN_ACK), PacketEstimate.tcp(3000, Opening.RESPONDER, Closing.NONE));
    }

    @Test
    void aDroppedConnectionCountsTheSynsSentWhileTheClientWaited() {
        assertEquals(new Estimate(1, 60, TcpFlags.SYN), PacketEstimate.unansweredSyns(0));
        assertEquals(new Estimate(2, 120, TcpFlags.SYN), PacketEstimate.unansweredSyns(2_999_999_999L));
        assertEquals(new Estimate(3, 180, TcpFlags.SYN), PacketEstimate.unansweredSyns(3_000_000_000L));
        assertEquals(new Estimate(7, 420, TcpFlags.SYN), PacketEstimate.unansweredSyns(600_000_000_000L));
    }
}
