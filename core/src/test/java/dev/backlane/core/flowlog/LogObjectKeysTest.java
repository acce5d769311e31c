package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogObjectKeysTest {
    private static final Instant AT = Instant.parse("2022-02-21T19:55:12Z");

    @Test
    void flowLogFilesFollowAwsKeyLayout() {
        assertEquals("AWSLogs/111111111111/vpcflowlogs/eu-west-2/2022/02/21/111111111111_vpcflowlogs_eu-west-2_fl-0dcbf7c4c2483c6b6_20220221T1955Z_7fe2e5f7.log.gz",
                LogObjectKeys.flowLog("", "111111111111", "eu-west-2", "fl-0dcbf7c4c2483c6b6", AT, false, false, "7fe2e5f7"));
    }

    @Test
    void hiveCompatibleAndHourlyPartitionsChangeTheFolders() {
        assertEquals("logs/AWSLogs/aws-account-id=111111111111/aws-service=vpcflowlogs/aws-region=eu-west-3/year=2022/month=02/day=21/hour=19/"
                        + "111111111111_vpcflowlogs_eu-west-3_fl-1_20220221T1955Z_00000000.log.gz",
                LogObjectKeys.flowLog("logs/", "111111111111", "eu-west-3", "fl-1", AT, true, true, "00000000"));
        assertEquals("AWSLogs/111111111111/vpcflowlogs/eu-west-3/2022/02/21/19/111111111111_vpcflowlogs_eu-west-3_fl-1_20220221T1955Z_00000000.log.gz",
                LogObjectKeys.flowLog("", "111111111111", "eu-west-3", "fl-1", AT, false, true, "00000000"));
    }

    @Test
    void queryLogFilesGoUnderTheirVpc() {
        assertEquals("AWSLogs/111111111111/vpcdnsquerylogs/vpc-1/2022/02/21/vpc-1_vpcdnsquerylogs_111111111111_20220221T1955Z_0a0b0c0d.log.gz",
                LogObjectKeys.queryLog("", "111111111111", "vpc-1", AT, "0a0b0c0d"));
    }

    @Test
    void bucketArnGivesBucketAndPrefixEndingInASlash() {
        assertEquals(new LogObjectKeys.Bucket("my-bucket", ""), LogObjectKeys.Bucket.of("arn:aws:s3:::my-bucket"));
        assertEquals(new LogObjectKeys.Bucket("my-bucket", "flow/logs/"), LogObjectKeys.Bucket.of("arn:aws:s3:::my-bucket/flow/logs"));
        assertFalse(LogObjectKeys.Bucket.isBucketArn("arn:aws:logs:us-east-1:111111111111:log-group:x"));
    }

    @Test
    void theHashIsEightHexDigitsOfTheContent() {
        byte[] content = "2 111 eni-1 - - - - - - - 1 2 - NODATA\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(LogObjectKeys.hash(content), LogObjectKeys.hash(content.clone()));
        assertEquals(8, LogObjectKeys.hash(content).length());
        assertFalse(LogObjectKeys.hash(content).equals(LogObjectKeys.hash(new byte[] {1})));
    }
}
