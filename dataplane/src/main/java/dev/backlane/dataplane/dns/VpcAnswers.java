package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.Scope;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One VPC's answers, prepared once per state of the world: the world's index is immutable, so an answer
 * computed on it stays right until the world changes, and the next question after a change starts afresh.
 * Questions are looked up by their wire-form name, compared without regard to ASCII case (RFC 4343), straight
 * from the packet, so a question answered before costs no allocation. At most {@link #MAX_CACHED} questions
 * are kept per state, so random names cannot grow it without bound.
 */
final class VpcAnswers {
    static final int MAX_CACHED = 8192;
    /** Twice the entries kept, so probes stay short. */
    private static final int SLOTS = 2 * MAX_CACHED;
    private static final int MAX_PROBES = 8;

    /** A question in lower case wire form (labels, no root byte), its type, and its answer. */
    private record Entry(int hash, byte[] name, int type, PreparedAnswer answer) {
    }

    /**
     * The answers on one state of the world. Event loops read and fill the table at once without locks: an entry
     * is immutable and published by one reference write, and a lost race loses only a cache entry.
     */
    private record Generation(WorldIndex index, Optional<VpcDnsView.VpcInScope> vpc, Entry[] slots, AtomicInteger size) {
    }

    private final String vpcId;
    private final Supplier<WorldIndex> world;
    private final VpcDnsView view;
    private volatile Generation current;

    VpcAnswers(String vpcId, Supplier<WorldIndex> world, VpcDnsView view) {
        this.vpcId = requireNonNull(vpcId, "vpcId is null");
        this.world = requireNonNull(world, "world is null");
        this.view = requireNonNull(view, "view is null");
    }

    String vpcId() {
        return vpcId;
    }

    /** The scope the VPC is in, on the current state of the world; empty when it is gone. */
    Optional<Scope> scope() {
        return generation().vpc().map(vpc -> vpc.index().scope());
    }

    /** The answer to the query's question (read from {@code packet}) on the current state of the world. */
    PreparedAnswer answer(ByteBuf packet, DnsQuery query) {
        Generation generation = generation();
        int start = packet.readerIndex() + DnsQuery.HEADER_BYTES;
        int length = query.nameEnd() - DnsQuery.HEADER_BYTES - 1;
        int hash = hash(packet, start, length, query.type());
        Entry[] slots = generation.slots();
        int free = -1;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            int slot = (hash + probe) & (SLOTS - 1);
            Entry entry = slots[slot];
            if (entry == null) {
                free = slot;
                break;
            }
            if (entry.hash() == hash && entry.type() == query.type() && sameName(entry.name(), packet, start, length)) {
                return entry.answer();
            }
        }
        PreparedAnswer prepared = prepare(generation, query.name(packet), query.type());
        if (free >= 0 && generation.size().incrementAndGet() <= MAX_CACHED) {
            slots[free] = new Entry(hash, lowerCase(packet, start, length), query.type(), prepared);
        }
        return prepared;
    }

    private PreparedAnswer prepare(Generation generation, String name, int type) {
        if (generation.vpc().isEmpty()) {
            return PreparedAnswer.silent();
        }
        VpcDnsView.VpcInScope vpc = generation.vpc().get();
        Optional<DnsAnswer> answer = view.answer(generation.index(), vpc, name, type);
        return answer.map(found -> PreparedAnswer.of(vpc.index().scope(), found)).orElse(PreparedAnswer.silent());
    }

    private Generation generation() {
        WorldIndex index = world.get();
        Generation generation = current;
        if (generation == null || generation.index() != index) {
            generation = new Generation(index, VpcDnsView.locate(index, vpcId), new Entry[SLOTS], new AtomicInteger());
            current = generation;
        }
        return generation;
    }

    private static int hash(ByteBuf packet, int start, int length, int type) {
        int hash = type;
        for (int i = start; i < start + length; i++) {
            hash = 31 * hash + lower(packet.getByte(i));
        }
        return hash ^ (hash >>> 16);
    }

    private static boolean sameName(byte[] name, ByteBuf packet, int start, int length) {
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name[i] != lower(packet.getByte(start + i))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] lowerCase(ByteBuf packet, int start, int length) {
        byte[] name = new byte[length];
        for (int i = 0; i < length; i++) {
            name[i] = lower(packet.getByte(start + i));
        }
        return name;
    }

    /** ASCII only (RFC 4343): label length bytes (0-63) are below 'A' and stay as they are. */
    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}
