package dev.backlane.core.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded generator of valid policies and of requests that have a fair chance of matching them, for
 * the property tests and the fuzzer. Every pool is small so that random policies and random requests
 * meet often.
 */
final class RandomPolicies {

    static final List<String> ACTIONS = List.of("*", "s3:*", "s3:GetObject", "s3:Get*", "s3:?utObject", "ec2:Describe*", "sqs:SendMessage", "dynamodb:GetItem");
    static final List<String> REQUEST_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "S3:getobject", "ec2:DescribeVpcs", "sqs:SendMessage", "dynamodb:GetItem");
    static final List<String> RESOURCES = List.of("*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*", "arn:aws:s3:::b?cket/a*",
            "arn:aws:sqs:*:111122223333:queue", "arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:dynamodb:us-east-1:111122223333:table/*");
    static final List<String> REQUEST_RESOURCES = List.of("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key", "arn:aws:s3:::bucket/alice/x",
            "arn:aws:sqs:us-east-1:111122223333:queue", "arn:aws:dynamodb:us-east-1:111122223333:table/T", "arn:aws:s3:::other/key");
    static final List<String> PRINCIPALS = List.of("111122223333", "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::444455556666:role/Admin", "*");
    static final List<String> REQUEST_PRINCIPALS = List.of("arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/bob",
            "arn:aws:sts::444455556666:assumed-role/Admin/s", "arn:aws:iam::999988887777:user/eve", "anonymous", "s3.amazonaws.com");
    static final List<String> KEYS = List.of("aws:SourceVpce", "aws:SourceIp", "aws:PrincipalTag/team", "aws:TagKeys", "s3:max-keys", "aws:CurrentTime", "aws:SecureTransport", "aws:username");

    private final Random random;

    RandomPolicies(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private List<String> some(List<String> pool) {
        int count = 1 + random.nextInt(3);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(pick(pool));
        }
        return values;
    }

    Policy policy(int maximumStatements) {
        int count = 1 + random.nextInt(maximumStatements);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statements.add(statement(random.nextBoolean() ? Effect.ALLOW : Effect.DENY, i));
        }
        Optional<PolicyVersion> version = switch (random.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(PolicyVersion.V2008_10_17);
            default -> Optional.of(PolicyVersion.V2012_10_17);
        };
        return new Policy(version, random.nextInt(4) == 0 ? Optional.of("policy-" + random.nextInt(100)) : Optional.empty(), statements);
    }

    Statement statement(Effect effect, int index) {
        Optional<PrincipalElement> principal = Optional.empty();
        int principalChoice = random.nextInt(4);
        if (principalChoice == 1) {
            principal = Optional.of(PrincipalElement.everyone(false));
        } else if (principalChoice >= 2) {
            Map<PrincipalType, List<String>> identifiers = new EnumMap<>(PrincipalType.class);
            identifiers.put(PrincipalType.AWS, some(PRINCIPALS));
            if (random.nextInt(4) == 0) {
                identifiers.put(PrincipalType.SERVICE, List.of("s3.amazonaws.com"));
            }
            principal = Optional.of(new PrincipalElement(principalChoice == 3 && effect == Effect.DENY, false, identifiers));
        }
        return new Statement(
                random.nextBoolean() ? Optional.of("S" + index) : Optional.empty(),
                effect,
                principal,
                new ValueElement(random.nextInt(5) == 0, some(ACTIONS)),
                new ValueElement(random.nextInt(5) == 0, some(RESOURCES)),
                conditions());
    }

    private List<ConditionClause> conditions() {
        int count = random.nextInt(3);
        // Grouped by operator and unique per operator and key, as a parsed document is.
        Map<String, Map<String, ConditionClause>> grouped = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            ConditionClause clause = condition();
            grouped.computeIfAbsent(clause.operator().text(), ignored -> new LinkedHashMap<>()).put(clause.key(), clause);
        }
        List<ConditionClause> clauses = new ArrayList<>();
        grouped.values().forEach(byKey -> clauses.addAll(byKey.values()));
        return clauses;
    }

    private ConditionClause condition() {
        ConditionFunction function = pick(List.of(ConditionFunction.values()));
        SetQualifier qualifier = random.nextInt(4) == 0 ? pick(List.of(SetQualifier.values())) : SetQualifier.NONE;
        boolean ifExists = function != ConditionFunction.NULL && random.nextInt(4) == 0;
        ConditionOperator operator = new ConditionOperator(qualifier, function, ifExists);
        List<String> values = new ArrayList<>();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            values.add(value(function.valueType(), function == ConditionFunction.NULL));
        }
        return new ConditionClause(operator, pick(KEYS), values);
    }

    String value(ConditionFunction.ValueType type, boolean nullCheck) {
        return switch (type) {
            case STRING -> pick(List.of("vpce-1", "blue", "bl*", "${aws:username}", "a?c", "home/*"));
            case NUMBER -> pick(List.of("1", "10", "-3", "2.5"));
            case DATE -> pick(List.of("2020-01-01T00:00:00Z", "1577836800", "2030-06-01"));
            case BOOLEAN -> nullCheck ? pick(List.of("true", "false")) : pick(List.of("true", "false"));
            case BINARY -> "QmluYXJ5";
            case IP_ADDRESS -> pick(List.of("10.0.0.0/8", "203.0.113.5", "2001:db8::/32"));
            case ARN -> pick(List.of("arn:aws:iam::111122223333:role/*", "arn:aws:s3:::bucket"));
        };
    }

    PolicyRequest request() {
        RequestContext.Builder context = RequestContext.builder();
        int keys = random.nextInt(4);
        for (int i = 0; i < keys; i++) {
            String key = pick(KEYS);
            context.add(key, pick(List.of("vpce-1", "blue", "10.1.2.3", "5", "2025-01-01T00:00:00Z", "true", "alice", "home/x")));
        }
        return PolicyRequest.of(RequestPrincipal.parse(pick(REQUEST_PRINCIPALS)), pick(REQUEST_ACTIONS), pick(REQUEST_RESOURCES), context.build());
    }
}
