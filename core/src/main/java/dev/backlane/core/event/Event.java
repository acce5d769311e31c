package dev.backlane.core.event;

/** A fact the data plane publishes on the {@link EventStream}: a DNS answer, a connection, a verdict. */
public interface Event {
}
