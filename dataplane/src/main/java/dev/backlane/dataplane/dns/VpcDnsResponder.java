package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRcode;
import dev.backlane.core.event.DnsQueryEvent;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.Scope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers one VPC's queries, whichever transport brought them, as a real server does: nothing for a packet
 * without a whole header or for a response; FORMERR for one that does not parse or has other than one
 * question; NOTIMP for an opcode other than QUERY; BADVERS for EDNS versions above 0; REFUSED for a class
 * other than IN; otherwise the VPC's view, or, for a name outside the view when the user configured a
 * forwarder, the forwarder's answer. While the VPC has {@code enableDnsSupport} false, or is gone, nothing is
 * answered, as AWS's resolver answers nothing. Each answered question is published as a
 * {@link DnsQueryEvent} when someone listens.
 */
final class VpcDnsResponder {
    private static final int CLASS_IN = 1;

    private final VpcAnswers answers;
    private final Optional<DnsForwarder> forwarder;
    private final EventStream events;
    private final InstantSource clock;

    VpcDnsResponder(VpcAnswers answers, Optional<DnsForwarder> forwarder, EventStream events, InstantSource clock) {
        this.answers = requireNonNull(answers, "answers is null");
        this.forwarder = requireNonNull(forwarder, "forwarder is null");
        this.events = requireNonNull(events, "events is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The response to the packet, to send now; null when there is none to send now: nothing to answer, or the
     * query went to the forwarder, which gives its response to {@code later}. {@code udp} says whether the
     * response must fit the UDP limits (else it goes over TCP, whole).
     */
    ByteBuf respond(ByteBufAllocator allocator, ByteBuf packet, InetSocketAddress client, boolean udp, Consumer<ByteBuf> later) {
        DnsQuery.Parsed parsed = DnsQuery.read(packet);
        if (parsed instanceof DnsQuery.Refusal refusal) {
            return DnsResponseWriter.refusal(allocator, refusal.id(), refusal.flags(), refusal.rcode());
        }
        if (!(parsed instanceof DnsQuery.Query wellFormed)) {
            return null;
        }
        DnsQuery query = wellFormed.query();
        int limit = udp ? DnsResponseWriter.udpLimit(query) : DnsResponseWriter.UNLIMITED;
        if (query.edns().filter(edns -> edns.version() > 0).isPresent()) {
            return DnsResponseWriter.answer(allocator, packet, query, PreparedAnswer.bare(DnsRcode.BADVERS), limit);
        }
        if (query.dnsClass() != CLASS_IN) {
            return DnsResponseWriter.answer(allocator, packet, query, PreparedAnswer.bare(DnsRcode.REFUSED), limit);
        }
        PreparedAnswer answer = answers.answer(packet, query);
        if (answer.isSilent()) {
            return null;
        }
        if (forwarder.isPresent() && answer.answer().orElseThrow().outsideView()) {
            forward(allocator, packet, query, client, udp, limit, later);
            return null;
        }
        publish(packet, query, answer.scope().orElseThrow(), answer.answer().orElseThrow(), client, udp);
        return DnsResponseWriter.answer(allocator, packet, query, answer, limit);
    }

    /**
     * Sends the query to the forwarder; its answer goes to the client under the client's ID (cut with TC when it
     * exceeds the client's UDP limit), its failure (timeout, too many outstanding) as SERVFAIL.
     */
    private void forward(ByteBufAllocator allocator, ByteBuf packet, DnsQuery query, InetSocketAddress client, boolean udp, int limit,
            Consumer<ByteBuf> later) {
        ByteBuf question = packet.retainedSlice();
        DnsForwarder upstream = forwarder.orElseThrow();
        upstream.forward(packet, query.id(), response -> {
            DnsRcode rcode = DnsRcode.of(response.getUnsignedShort(response.readerIndex() + 2) & 0x0F).orElse(DnsRcode.SERVFAIL);
            publishForwarded(question, query, rcode, upstream, client, udp);
            if (response.readableBytes() <= limit) {
                later.accept(response);
            } else {
                response.release();
                later.accept(DnsResponseWriter.truncated(allocator, question, query, rcode));
            }
            question.release();
        }, () -> {
            publishForwarded(question, query, DnsRcode.SERVFAIL, upstream, client, udp);
            later.accept(DnsResponseWriter.answer(allocator, question, query, PreparedAnswer.bare(DnsRcode.SERVFAIL), limit));
            question.release();
        });
    }

    private void publishForwarded(ByteBuf packet, DnsQuery query, DnsRcode rcode, DnsForwarder upstream, InetSocketAddress client, boolean udp) {
        answers.scope().ifPresent(scope -> publish(packet, query, scope, new DnsAnswer(rcode, List.of(), "forwarder " + upstream.describe(), true),
                client, udp));
    }

    private void publish(ByteBuf packet, DnsQuery query, Scope scope, DnsAnswer answer, InetSocketAddress client, boolean udp) {
        if (events.wants(DnsQueryEvent.class)) {
            events.publish(DnsQueryEvent.of(scope, answers.vpcId(), clock.instant(), query.name(packet), query.type(), answer,
                    client.getAddress().getHostAddress(), client.getPort(), udp ? "UDP" : "TCP", Map.of()));
        }
    }
}
