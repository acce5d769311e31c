package dev.backlane.core.event;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one stream every data-plane decision is published on; flow logs, metrics and query logs subscribe to the
 * kinds of event they want. Subscribers are kept in an array replaced on every change (copy on write), so
 * publishing reads one volatile field and, with nobody listening, does nothing else; publishers that would
 * have to build an event first ask {@link #wants} and skip the work. A subscriber runs on the publisher's
 * thread and must not block; one that throws is counted and the others still get the event.
 */
public final class EventStream {
    private static final Subscription<?>[] NONE = new Subscription<?>[0];

    private volatile Subscription<?>[] subscriptions = NONE;
    /**
     * Per class of event published since the last change, the subscriptions that take it: a publication then calls
     * only those, instead of testing every subscriber's type (some twenty in the server) for every event.
     */
    private volatile Map<Class<?>, Subscription<?>[]> byClass = Map.of();
    private final AtomicLong failures = new AtomicLong();

    /** A subscriber to one kind of event; closing it stops delivery. */
    public final class Subscription<E extends Event> implements AutoCloseable {
        private final Class<E> type;
        private final Consumer<? super E> consumer;

        private Subscription(Class<E> type, Consumer<? super E> consumer) {
            this.type = type;
            this.consumer = consumer;
        }

        @Override
        public void close() {
            remove(this);
        }

        private void deliver(Event event) {
            consumer.accept(type.cast(event));
        }
    }

    /** Delivers every event of the type (and its subtypes) published from now on to the consumer. */
    public synchronized <E extends Event> Subscription<E> subscribe(Class<E> type, Consumer<? super E> consumer) {
        Subscription<E> subscription = new Subscription<>(requireNonNull(type, "type is null"), requireNonNull(consumer, "consumer is null"));
        Subscription<?>[] next = Arrays.copyOf(subscriptions, subscriptions.length + 1);
        next[next.length - 1] = subscription;
        subscriptions = next;
        byClass = Map.of();
        return subscription;
    }

    /** Whether anyone listens to events of the type, so a publisher can skip building them. */
    public boolean wants(Class<? extends Event> type) {
        for (Subscription<?> subscription : subscriptions) {
            if (subscription.type.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    public void publish(Event event) {
        Subscription<?>[] current = byClass.get(event.getClass());
        if (current == null) {
            current = subscriptionsOf(event.getClass());
        }
        for (Subscription<?> subscription : current) {
            try {
                subscription.deliver(event);
            } catch (RuntimeException e) {
                // A broken subscriber must not break the data plane nor starve the other subscribers.
                failures.incrementAndGet();
            }
        }
    }

    /** How many deliveries threw. */
    public long failures() {
        return failures.get();
    }

    private synchronized void remove(Subscription<?> subscription) {
        List<Subscription<?>> next = new ArrayList<>(Arrays.asList(subscriptions));
        if (next.remove(subscription)) {
            subscriptions = next.isEmpty() ? NONE : next.toArray(NONE);
            byClass = Map.of();
        }
    }

    /** The subscriptions that take events of the class, remembered until the subscribers change. */
    private synchronized Subscription<?>[] subscriptionsOf(Class<?> eventClass) {
        Subscription<?>[] known = byClass.get(eventClass);
        if (known != null) {
            return known;
        }
        Subscription<?>[] matching = Arrays.stream(subscriptions).filter(subscription -> subscription.type.isAssignableFrom(eventClass))
                .toArray(Subscription<?>[]::new);
        Map<Class<?>, Subscription<?>[]> next = new HashMap<>(byClass);
        next.put(eventClass, matching);
        byClass = next;
        return matching;
    }
}
