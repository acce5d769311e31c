package dev.backlane.server.api;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdempotencyRecord;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.ScopeState;
import dev.backlane.core.world.Transaction;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One call of an operation: who made it (scope), what it asked (input) and the cloud it acts on. It
 * gives handlers AWS's cross-cutting behaviour for free: DryRun answers DryRunOperation after
 * validation with nothing changed, and a ClientToken makes a create idempotent.
 *
 * <p>A write's answer is written inside its command, before the commit: an output the response writer
 * cannot write fails the command with nothing changed, and once the command is committed its answer
 * exists and nothing can turn it into an error (a client told "failed" after a commit retries, and meets
 * its own change). A handler returns what {@link #write} returned.
 */
public final class Call {
    private final Cloud cloud;
    private final String service;
    private final String operation;
    private final Scope scope;
    private final String principalArn;
    private final Input input;
    private final String requestId;
    private final Function<Map<String, Object>, byte[]> responder;
    /** The state this call reads, taken once; a call is handled by one thread. */
    private World snapshot;
    /** The answer of this call's committed write, or null before one. */
    private Answer committed;
    /** The time of {@link #snapshot}, taken with it, so states that change over time agree with the state read. */
    private Instant snapshotTime;

    /** A committed write's output and the response written from it. */
    public record Answer(Map<String, Object> output, byte[] body) {}

    /** {@code responder} writes the response to the call from an output, as the service's wire format has it. */
    public Call(Cloud cloud, String service, String operation, Scope scope, Input input, String requestId,
            Function<Map<String, Object>, byte[]> responder) {
        this(cloud, service, operation, Caller.root(scope), input, requestId, responder);
    }

    /** A call the caller made (its scope, and the principal it is made as). */
    public Call(Cloud cloud, String service, String operation, Caller caller, Input input, String requestId,
            Function<Map<String, Object>, byte[]> responder) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.service = requireNonNull(service, "service is null");
        this.operation = requireNonNull(operation, "operation is null");
        this.scope = requireNonNull(caller, "caller is null").scope();
        this.principalArn = caller.principalArn();
        this.input = requireNonNull(input, "input is null");
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.responder = requireNonNull(responder, "responder is null");
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    public Scope scope() {
        return scope;
    }

    /** The principal the call is made as: an assumed role's session ARN, or the account's root. */
    public String principalArn() {
        return principalArn;
    }

    public Input input() {
        return input;
    }

    public String requestId() {
        return requestId;
    }

    public boolean dryRun() {
        return input.bool("DryRun", false);
    }

    /**
     * Runs a mutating command and returns its output. With DryRun the command runs against a copy and
     * the call fails with DryRunOperation; with a ClientToken a repeat returns the first answer.
     */
    public Map<String, Object> write(Function<Transaction, Map<String, Object>> command) {
        // Reads after this write must see it.
        snapshot = null;
        snapshotTime = null;
        if (dryRun()) {
            cloud.rehearse(scope, command::apply);
            throw dryRunSucceeded();
        }
        Answer[] answer = new Answer[1];
        String clientToken = input.string("ClientToken");
        if (clientToken == null || clientToken.isEmpty()) {
            cloud.write(scope, transaction -> answer[0] = answer(command.apply(transaction)));
        } else {
            String id = IdempotencyRecord.idOf(operation, clientToken);
            String fingerprint = fingerprint();
            cloud.write(scope, transaction -> {
                var previous = transaction.find(ResourceTypes.IDEMPOTENCY, id);
                if (previous.isPresent()) {
                    if (!previous.get().fingerprint().equals(fingerprint)) {
                        throw AwsException.of(ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH,
                                "The client token you have provided is associated with a resource that is already deleted or "
                                        + "the request parameters are different from the original request. Please use a different client token.");
                    }
                    return answer[0] = answer(previous.get().output());
                }
                Map<String, Object> output = OutputValues.normalize(command.apply(transaction));
                transaction.put(ResourceTypes.IDEMPOTENCY, new IdempotencyRecord(id, fingerprint, output));
                return answer[0] = answer(output);
            });
        }
        committed = answer[0];
        return committed.output();
    }

    private Answer answer(Map<String, Object> output) {
        Map<String, Object> present = output == null ? Map.of() : output;
        return new Answer(present, responder.apply(present));
    }

    /** The answer of this call's committed write; empty when the call has not written. */
    public Optional<Answer> committedAnswer() {
        return Optional.ofNullable(committed);
    }

    /** Runs a mutating command whose operation answers nothing but success, as {@link #write} does. */
    public Map<String, Object> run(java.util.function.Consumer<Transaction> command) {
        return write(transaction -> {
            command.accept(transaction);
            return Output.empty();
        });
    }

    /** The state this call reads. With DryRun, the call fails with DryRunOperation instead. */
    public ScopeState read() {
        return world().scope(scope);
    }

    /**
     * The whole world, for reads across scopes. Every read of one call sees the same snapshot (taken at
     * the first read, and again after the call writes), so a Describe's page and the descriptions built
     * from it always agree.
     */
    public World world() {
        if (dryRun()) {
            throw dryRunSucceeded();
        }
        takeSnapshot();
        return snapshot;
    }

    /**
     * The time of the state this call reads: taken with its snapshot, so a resource's state (pending,
     * available) and its timestamps are those of one moment. Unlike a read, it does not end a DryRun.
     */
    public Instant now() {
        takeSnapshot();
        return snapshotTime;
    }

    private void takeSnapshot() {
        if (snapshot == null) {
            snapshotTime = cloud.now();
            snapshot = cloud.snapshot(scope);
        }
    }

    private String fingerprint() {
        Map<String, Object> significant = new TreeMap<>(input.values());
        significant.remove("DryRun");
        significant.remove("ClientToken");
        return significant.toString();
    }

    private static AwsException dryRunSucceeded() {
        return AwsException.of(ErrorCode.DRY_RUN_OPERATION, "Request would have succeeded, but DryRun flag is set.");
    }
}
