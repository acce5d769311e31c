package dev.backlane.core.traffic;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ARN of the resource a request names, as IAM sees it in a policy's {@code Resource}: S3's bucket or object
 * ({@code arn:aws:s3:::bucket/key}), an SQS queue from its URL, a DynamoDB table, a KMS key or alias, an SSM
 * parameter, a Secrets Manager secret, an SNS topic, a Lambda function, an ECR repository, a CloudWatch Logs log
 * group; {@code *} when the request names none. A name is made an ARN in the caller's account, as AWS does; an ARN
 * given in the request is kept as given.
 */
final class ResourceArns {
    /** Services that name their resource in a JSON or form body, so the gateway must read it to judge. */
    private static final Set<String> NAMED_IN_BODY = Set.of("sqs", "dynamodb", "kms", "ssm", "secretsmanager", "sns", "ecr", "logs");
    private static final String ANY = "*";

    private ResourceArns() {}

    static boolean namedInBody(String service) {
        return NAMED_IN_BODY.contains(service);
    }

    /** The resource of an operation of the service, its input members read through {@code member} (path labels, body, query). */
    static String of(String service, String region, String account, String operation, Function<String, Optional<String>> member) {
        String prefix = "arn:aws:" + service + ":" + region + ":" + account + ":";
        return switch (service) {
            case "s3" -> member.apply("Bucket").filter(bucket -> !bucket.isEmpty())
                    .map(bucket -> "arn:aws:s3:::" + bucket + member.apply("Key").map(key -> "/" + key).orElse("")).orElse(ANY);
            case "sqs" -> member.apply("QueueUrl").flatMap(url -> queueArn(url, region)).or(() -> member.apply("QueueName").map(name -> prefix + name))
                    .orElse(ANY);
            case "dynamodb" -> member.apply("TableName").map(name -> arnOr(name, prefix + "table/" + name)).orElse(ANY);
            case "kms" -> member.apply("KeyId").map(id -> arnOr(id, prefix + (id.startsWith("alias/") ? id : "key/" + id))).orElse(ANY);
            case "ssm" -> operation.contains("Parameter") && !operation.endsWith("Parameters")
                    ? member.apply("Name").map(name -> arnOr(name, prefix + "parameter/" + (name.startsWith("/") ? name.substring(1) : name)))
                            .orElse(ANY)
                    : ANY;
            case "secretsmanager" -> member.apply("SecretId").or(() -> member.apply("Name"))
                    .map(id -> arnOr(id, prefix + "secret:" + id)).orElse(ANY);
            case "sns" -> member.apply("TopicArn").or(() -> member.apply("TargetArn")).orElse(ANY);
            case "lambda" -> member.apply("FunctionName").map(name -> functionArn(name, region, account)).orElse(ANY);
            case "ecr" -> member.apply("repositoryName")
                    .map(name -> "arn:aws:ecr:" + region + ":" + member.apply("registryId").orElse(account) + ":repository/" + name).orElse(ANY);
            case "logs" -> member.apply("logGroupName").map(name -> prefix + "log-group:" + name).orElse(ANY);
            default -> ANY;
        };
    }

    private static String arnOr(String value, String arn) {
        return value.startsWith("arn:") ? value : arn;
    }

    /** {@code https://sqs.us-east-1.amazonaws.com/123456789012/orders} is queue {@code orders} of that account. */
    private static Optional<String> queueArn(String url, String region) {
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        String[] parts = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("arn:aws:sqs:" + region + ":" + parts[0] + ":" + parts[1]);
    }

    /** A function's name, {@code name:qualifier}, partial ARN {@code 123456789012:function:name}, or full ARN. */
    private static String functionArn(String name, String region, String account) {
        if (name.startsWith("arn:")) {
            return name;
        }
        String[] parts = name.split(":");
        if (parts.length >= 3 && parts[1].equals("function")) {
            return "arn:aws:lambda:" + region + ":" + name;
        }
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }
}
