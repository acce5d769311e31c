package dev.backlane.dataplane.dns;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.model.Scope;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One VPC's answers, prepared once per state of the world: the world's index is immutable, so an answer
 * computed on it stays right until the world changes, and the next question after a change starts afresh.
 * At most {@link #MAX_CACHED} questions are kept per state, so random names cannot grow it without bound.
 */
final class VpcAnswers {
    static final int MAX_CACHED = 8192;

    private record Question(String name, int type) {
    }

    private record Generation(WorldIndex index, Optional<VpcDnsView.VpcInScope> vpc, Map<Question, PreparedAnswer> answers) {
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

    /** The answer to the question on the current state of the world; the name in any case, without its trailing dot. */
    PreparedAnswer answer(String name, int type) {
        Generation generation = generation();
        Question question = new Question(lowerCase(name), type);
        PreparedAnswer cached = generation.answers().get(question);
        if (cached != null) {
            return cached;
        }
        PreparedAnswer prepared = prepare(generation, question);
        if (generation.answers().size() < MAX_CACHED) {
            generation.answers().putIfAbsent(question, prepared);
        }
        return prepared;
    }

    private PreparedAnswer prepare(Generation generation, Question question) {
        if (generation.vpc().isEmpty()) {
            return PreparedAnswer.silent();
        }
        VpcDnsView.VpcInScope vpc = generation.vpc().get();
        Optional<DnsAnswer> answer = view.answer(generation.index(), vpc, question.name(), question.type());
        return answer.map(found -> PreparedAnswer.of(vpc.index().scope(), found)).orElse(PreparedAnswer.silent());
    }

    private Generation generation() {
        WorldIndex index = world.get();
        Generation generation = current;
        if (generation == null || generation.index() != index) {
            generation = new Generation(index, VpcDnsView.locate(index, vpcId), new ConcurrentHashMap<>());
            current = generation;
        }
        return generation;
    }

    /** DNS names compare case-insensitively in ASCII only (RFC 4343). */
    private static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = name.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return name;
    }
}
