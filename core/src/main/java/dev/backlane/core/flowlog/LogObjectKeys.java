package dev.backlane.core.flowlog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where AWS's log delivery puts a log file in an S3 bucket: the optional prefix of the destination ARN, then
 * {@code AWSLogs/<account>/vpcflowlogs/<region>/yyyy/mm/dd/} (with {@code hh/} for hourly partitions, or the
 * Hive-compatible {@code aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=.../}) and a file
 * {@code <account>_vpcflowlogs_<region>_<flow-log-id>_<yyyymmddTHHmmZ>_<hash>.log.gz}; Resolver query logs go
 * under {@code AWSLogs/<account>/vpcdnsquerylogs/<vpc-id>/yyyy/mm/dd/} as
 * {@code <vpc-id>_vpcdnsquerylogs_<account>_<yyyymmddTHHmmZ>_<hash>.log.gz}. The hash is eight hex digits the
 * caller derives from the file's content.
 */
public final class LogObjectKeys {
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/(.*))?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HIVE_DAY = DateTimeFormatter.ofPattern("'year='yyyy/'month='MM/'day='dd").withZone(ZoneOffset.UTC);

    private LogObjectKeys() {}

    /** A bucket ARN's bucket and key prefix (empty, or ending in {@code /}). */
    public record Bucket(String name, String prefix) {
        public static Bucket of(String arn) {
            Matcher matcher = BUCKET_ARN.matcher(arn);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not an S3 bucket ARN: " + arn);
            }
            String prefix = matcher.group(2) == null ? "" : matcher.group(2);
            return new Bucket(matcher.group(1), prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/");
        }

        public static boolean isBucketArn(String arn) {
            return BUCKET_ARN.matcher(arn).matches();
        }
    }

    public static String flowLog(String prefix, String account, String region, String flowLogId, Instant at, boolean hiveCompatible,
            boolean perHour, String hash) {
        String hour = perHour ? "/" + (hiveCompatible ? "'hour='HH" : "HH") : "";
        String folder = hiveCompatible
                ? "aws-account-id=" + account + "/aws-service=vpcflowlogs/aws-region=" + region + "/" + HIVE_DAY.format(at)
                : account + "/vpcflowlogs/" + region + "/" + DAY.format(at);
        if (!hour.isEmpty()) {
            folder += DateTimeFormatter.ofPattern(hour).withZone(ZoneOffset.UTC).format(at);
        }
        return prefix + "AWSLogs/" + folder + "/" + account + "_vpcflowlogs_" + region + "_" + flowLogId + "_" + STAMP.format(at) + "_" + hash
                + ".log.gz";
    }

    public static String queryLog(String prefix, String account, String vpcId, Instant at, String hash) {
        return prefix + "AWSLogs/" + account + "/vpcdnsquerylogs/" + vpcId + "/" + DAY.format(at) + "/" + vpcId + "_vpcdnsquerylogs_" + account + "_"
                + STAMP.format(at) + "_" + hash + ".log.gz";
    }

    /** Eight hex digits from the content: the same file always gets the same name. */
    public static String hash(byte[] content) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(content);
        return String.format("%08x", crc.getValue());
    }
}
