package dev.backlane.core.model;

import java.util.Arrays;

/**
 * The states of an EC2 instance, with AWS's names and codes (the low byte of {@code InstanceState.Code}).
 * Three are transitions that settle by themselves: {@code pending} becomes {@code running},
 * {@code stopping} becomes {@code stopped}, {@code shutting-down} becomes {@code terminated}.
 */
public enum InstanceState {
    PENDING("pending", 0),
    RUNNING("running", 16),
    SHUTTING_DOWN("shutting-down", 32),
    TERMINATED("terminated", 48),
    STOPPING("stopping", 64),
    STOPPED("stopped", 80);

    private final String awsName;
    private final int code;

    InstanceState(String awsName, int code) {
        this.awsName = awsName;
        this.code = code;
    }

    public String awsName() {
        return awsName;
    }

    public int code() {
        return code;
    }

    /** The state a transition ends in; a settled state is its own. */
    public InstanceState settled() {
        return switch (this) {
            case PENDING -> RUNNING;
            case STOPPING -> STOPPED;
            case SHUTTING_DOWN -> TERMINATED;
            case RUNNING, TERMINATED, STOPPED -> this;
        };
    }

    public boolean isTransition() {
        return settled() != this;
    }

    /** Whether the instance is on its way out or gone: it holds no network interface any more. */
    public boolean isTerminating() {
        return this == SHUTTING_DOWN || this == TERMINATED;
    }

    public static InstanceState of(String awsName) {
        return Arrays.stream(values()).filter(state -> state.awsName.equals(awsName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an instance state: " + awsName));
    }
}
