package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers each query for one VPC through the core's {@link VpcDnsView}, on the current state of the world,
 * and publishes a {@link DnsQueryEvent} when someone listens. A query that is not a standard one-question
 * query in class IN gets what a real server gives: NOTIMP for another opcode, FORMERR for other question
 * counts, REFUSED for another class. While the VPC has {@code enableDnsSupport} false, or is gone, nothing is
 * answered, as AWS's resolver answers nothing.
 */
final class VpcDnsHandler extends SimpleChannelInboundHandler<DatagramDnsQuery> {
    private static final int CLASS_IN = 1;

    private final String vpcId;
    private final String transport;
    private final Supplier<WorldIndex> world;
    private final VpcDnsView view;
    private final EventStream events;
    private final InstantSource clock;

    VpcDnsHandler(String vpcId, String transport, Supplier<WorldIndex> world, VpcDnsView view, EventStream events, InstantSource clock) {
        this.vpcId = requireNonNull(vpcId, "vpcId is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.world = requireNonNull(world, "world is null");
        this.view = requireNonNull(view, "view is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
        DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id(), query.opCode());
        response.setRecursionDesired(query.isRecursionDesired());
        response.setRecursionAvailable(true);
        if (!query.opCode().equals(DnsOpCode.QUERY)) {
            ctx.writeAndFlush(response.setCode(DnsResponseCode.NOTIMP));
            return;
        }
        if (query.count(DnsSection.QUESTION) != 1) {
            ctx.writeAndFlush(response.setCode(DnsResponseCode.FORMERR));
            return;
        }
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        response.addRecord(DnsSection.QUESTION, question);
        if (question.dnsClass() != CLASS_IN) {
            ctx.writeAndFlush(response.setCode(DnsResponseCode.REFUSED));
            return;
        }
        WorldIndex index = world.get();
        Optional<VpcDnsView.VpcInScope> vpc = VpcDnsView.locate(index, vpcId);
        Optional<DnsAnswer> answer = vpc.flatMap(found -> view.answer(index, found, question.name(), question.type().intValue()));
        if (answer.isEmpty()) {
            response.release();
            return;
        }
        response.setCode(DnsResponseCode.valueOf(answer.get().rcode().code()));
        for (DnsRecord record : answer.get().records()) {
            byte[] address = {(byte) (record.address() >>> 24), (byte) (record.address() >>> 16), (byte) (record.address() >>> 8), (byte) record.address()};
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.A, record.ttl(), Unpooled.wrappedBuffer(address)));
        }
        // Logged before the answer leaves, so a client that has its answer finds the query in the log.
        if (events.wants(DnsQueryEvent.class)) {
            events.publish(DnsQueryEvent.of(vpc.get().index().scope(), vpcId, clock.instant(), question.name(), question.type().intValue(),
                    answer.get(), query.sender().getAddress().getHostAddress(), query.sender().getPort(), transport, Map.of()));
        }
        ctx.writeAndFlush(response);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A TCP client that idles past the read timeout, or resets, loses its connection; the listener lives on.
        if (transport.equals("TCP")) {
            ctx.close();
        }
    }
}
