package dev.backlane.server.api.sts;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The role sessions STS's {@code AssumeRole} has begun, by the access key ID of their temporary credentials: a call
 * signed with one is made in the role's account as the session ({@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION}),
 * until the credentials expire, and is refused as expired after that. Held in memory for the calls (at most
 * {@link #MAX_SESSIONS}; past that the oldest are forgotten first) and recorded in a {@link SessionLedger} (the server's:
 * its world, and so its store), where a key not in memory is looked for: a restart, or another server of a shared
 * store, does not forget a session.
 */
public final class StsSessions {
    static final int MAX_SESSIONS = 100_000;
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private final InstantSource clock;
    private final SessionLedger ledger;
    private final SecureRandom random = new SecureRandom();
    /** Read on every call to the API port, so without a lock. */
    private final Map<String, Session> byKey = new ConcurrentHashMap<>();
    /** The latest session of each session ARN (for GetCallerIdentity). */
    private final Map<String, Session> byArn = new ConcurrentHashMap<>();
    /** The access keys in the order their sessions began, so the oldest is forgotten first. */
    private final Deque<String> order = new ArrayDeque<>();

    /** One session: its role, its ARN and ID, its credentials and when they expire. */
    public record Session(String roleArn, String sessionName, String account, String arn, String assumedRoleId, String accessKeyId,
            String secretAccessKey, String sessionToken, Instant expiration) {
        public Session {
            requireNonNull(roleArn, "roleArn is null");
            requireNonNull(arn, "arn is null");
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(expiration, "expiration is null");
        }
    }

    /** Sessions held in memory only (a restart forgets them). */
    public StsSessions(InstantSource clock) {
        this(clock, SessionLedger.none());
    }

    public StsSessions(InstantSource clock, SessionLedger ledger) {
        this.clock = requireNonNull(clock, "clock is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    /** Begins a session of the role (of its account, named by its last path element) for {@code duration}, and records it. */
    public Session begin(String roleArn, String account, String roleName, String sessionName, Duration duration) {
        Session session = new Session(roleArn, sessionName, account, "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName,
                roleId(roleArn) + ":" + sessionName, "ASIA" + text(KEY_ALPHABET, 16), text(SECRET_ALPHABET, 40),
                "FwoGZXIvYXdzE" + text(SECRET_ALPHABET, 300), clock.instant().plus(duration));
        ledger.record(session);
        remember(session);
        return session;
    }

    private synchronized void remember(Session session) {
        while (order.size() >= MAX_SESSIONS) {
            Session oldest = byKey.remove(order.removeFirst());
            if (oldest != null) {
                byArn.remove(oldest.arn(), oldest);
            }
        }
        order.addLast(session.accessKeyId());
        byKey.put(session.accessKeyId(), session);
        byArn.merge(session.arn(), session, (held, found) -> found.expiration().isAfter(held.expiration()) ? found : held);
    }

    /** The unexpired session whose credentials have this access key ID; empty for any other key. */
    public Optional<Session> session(String accessKeyId) {
        return find(accessKeyId).filter(session -> !expired(session));
    }

    /**
     * Whether the key is one of a session this server began whose credentials have expired: a call signed with it is
     * refused as AWS refuses it ({@code ExpiredToken}), not taken for the account's root (until its ledger forgets it).
     */
    public boolean expired(String accessKeyId) {
        return find(accessKeyId).map(this::expired).orElse(false);
    }

    /** Whether the session's credentials have expired. */
    public boolean expired(Session session) {
        return !clock.instant().isBefore(session.expiration());
    }

    /**
     * The session of a temporary access key, expired or not, held or recorded (then held from now on); empty for any other
     * key. One lookup serves a call: its caller tells expired credentials from live ones with {@link #expired(Session)}.
     */
    public Optional<Session> find(String accessKeyId) {
        if (!accessKeyId.startsWith("ASIA")) {
            return Optional.empty();
        }
        Session session = byKey.get(accessKeyId);
        if (session == null) {
            session = ledger.find(accessKeyId).orElse(null);
            if (session != null) {
                remember(session);
            }
        }
        return Optional.ofNullable(session);
    }

    /** The latest unexpired session with this ARN (the session a call was made as). */
    public Optional<Session> sessionByArn(String arn) {
        return unexpired(byArn.get(arn));
    }

    private Optional<Session> unexpired(Session session) {
        return session != null && !expired(session) ? Optional.of(session) : Optional.empty();
    }

    /** A role's ID as IAM gives them ({@code AROA} and 17 characters), the same for every session of the role. */
    private static String roleId(String roleArn) {
        StringBuilder id = new StringBuilder("AROA");
        long hash = roleArn.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 17; i++) {
            id.append(KEY_ALPHABET[(int) ((hash >>> (i * 3)) & 31)]);
        }
        return id.toString();
    }

    private String text(char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
