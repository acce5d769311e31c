package dev.backlane.server.api.sts;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS: {@code GetCallerIdentity} (the account root, or the assumed role's session the access key belongs to) and
 * {@code AssumeRole}, which begins a session of the role ({@link StsSessions}) and gives its temporary credentials.
 * Backlane's world holds no IAM roles, so any well-formed role ARN can be assumed, by any caller, for 15 minutes to 12
 * hours (the role's own maximum session duration, which IAM would hold, is not known).
 */
public final class StsOperations implements OperationFamily {
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int MIN_DURATION_SECONDS = 900;
    private static final int MAX_DURATION_SECONDS = 43_200;
    private static final int DEFAULT_DURATION_SECONDS = 3_600;

    private final StsSessions sessions;

    public StsOperations(StsSessions sessions) {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.add("sts", "GetCallerIdentity", this::getCallerIdentity);
        registry.add("sts", "AssumeRole", this::assumeRole);
    }

    private Map<String, Object> getCallerIdentity(Call call) {
        String account = call.scope().account();
        String principal = call.principalArn();
        String userId = principal.contains(":assumed-role/")
                ? sessions.sessionByArn(principal).map(StsSessions.Session::assumedRoleId).orElse(account) : account;
        return Output.create()
                .put("UserId", userId)
                .put("Account", account)
                .put("Arn", principal)
                .build();
    }

    private Map<String, Object> assumeRole(Call call) {
        String roleArn = call.input().string("RoleArn");
        Matcher role = ROLE_ARN.matcher(String.valueOf(roleArn));
        if (!role.matches()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR, "%s is invalid", roleArn);
        }
        String sessionName = call.input().string("RoleSessionName");
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value '%s' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
                    sessionName);
        }
        int seconds = call.input().has("DurationSeconds") ? call.input().integer("DurationSeconds") : DEFAULT_DURATION_SECONDS;
        if (seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
            throw AwsException.of(ErrorCode.VALIDATION_ERROR,
                    "1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value %s",
                    seconds, seconds < MIN_DURATION_SECONDS ? "greater than or equal to 900" : "less than or equal to 43200");
        }
        StsSessions.Session session = sessions.begin(roleArn, role.group(1), role.group(2), sessionName, Duration.ofSeconds(seconds));
        return Output.create()
                .put("Credentials", Map.of("AccessKeyId", session.accessKeyId(), "SecretAccessKey", session.secretAccessKey(),
                        "SessionToken", session.sessionToken(), "Expiration", session.expiration()))
                .put("AssumedRoleUser", Map.of("AssumedRoleId", session.assumedRoleId(), "Arn", session.arn()))
                .build();
    }
}
