package dev.backlane.core.flowlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Records formatted as the examples of AWS's "Flow log records" and "Flow log record examples" pages. */
class FlowLogFormatTest {
    @Test
    void defaultFormatWritesTheDocumentedAcceptedRecord() {
        FlowLogRecord record = FlowLogRecord.builder().accountId("123456789010").interfaceId("eni-1235b8ca123456789")
                .source("172.31.16.139", 20641).destination("172.31.16.21", 22).protocol(6).packets(20).bytes(4249)
                .window(1418530010, 1418530070).action(FlowAction.ACCEPT).logStatus(LogStatus.OK).build();

        assertEquals("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK",
                FlowLogFormat.DEFAULT.format(record));
    }

    @Test
    void defaultFormatWritesTheDocumentedRejectedRecord() {
        FlowLogRecord record = FlowLogRecord.builder().accountId("123456789010").interfaceId("eni-1235b8ca123456789")
                .source("172.31.9.69", 49761).destination("172.31.9.12", 3389).protocol(6).packets(20).bytes(4249)
                .window(1418530010, 1418530070).action(FlowAction.REJECT).logStatus(LogStatus.OK).build();

        assertEquals("2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK",
                FlowLogFormat.DEFAULT.format(record));
    }

    @Test
    void noDataRecordWritesADashForEveryFieldThatDoesNotApply() {
        FlowLogRecord record = FlowLogRecord.builder().accountId("123456789010").interfaceId("eni-1235b8ca123456789")
                .window(1431280876, 1431280934).logStatus(LogStatus.NODATA).build();

        assertEquals("2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA", FlowLogFormat.DEFAULT.format(record));
    }

    @Test
    void customFormatCarriesTheHighestVersionOfItsFieldsAsTheTcpFlagsExampleDoes() {
        FlowLogFormat format = FlowLogFormat.parse("${version} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${account-id} ${type} "
                + "${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${bytes} ${packets} ${start} ${end} "
                + "${action} ${tcp-flags} ${log-status}");
        FlowLogRecord record = FlowLogRecord.builder().vpcId("vpc-abcdefab012345678").subnetId("subnet-aaaaaaaa012345678")
                .instanceId("i-01234567890123456").interfaceId("eni-1235b8ca123456789").accountId("123456789012").type("IPv4")
                .source("52.213.180.42", 43416).destination("10.0.0.62", 5001).packetAddresses("52.213.180.42", "10.0.0.62").protocol(6)
                .bytes(568).packets(8).window(1566848875, 1566848933).action(FlowAction.ACCEPT).tcpFlags(TcpFlags.SYN).logStatus(LogStatus.OK)
                .build();

        assertEquals(3, format.version());
        assertEquals("3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789012 IPv4 "
                + "52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK", format.format(record));
    }

    @Test
    void laterFieldsRaiseTheVersion() {
        assertEquals(5, FlowLogFormat.parse("${srcaddr} ${flow-direction} ${traffic-path}").version());
        assertEquals(7, FlowLogFormat.parse("${ecs-task-id}").version());
        assertEquals(8, FlowLogFormat.parse("${version} ${reject-reason}").version());
    }

    @Test
    void everyFieldOfTheTableIsAccepted() {
        String all = String.join(" ", Arrays.stream(FlowLogField.values()).map(field -> "${" + field.fieldName() + "}").toList());

        assertEquals(FlowLogField.values().length, FlowLogFormat.parse(all).fields().size());
    }

    @Test
    void unknownFieldIsRefusedNamingIt() {
        AwsException error = assertThrows(AwsException.class, () -> FlowLogFormat.parse("${srcaddr} ${source-address}"));

        assertEquals(ErrorCode.INVALID_PARAMETER, error.code());
        assertTrue(error.getMessage().contains("${source-address}"), error.getMessage());
    }

    @Test
    void textOutsideFieldsAndEmptyFormatsAreRefused() {
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(AwsException.class, () -> FlowLogFormat.parse("${srcaddr},${dstaddr}")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(AwsException.class, () -> FlowLogFormat.parse("srcaddr")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(AwsException.class, () -> FlowLogFormat.parse("${srcaddr}${dstaddr}")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(AwsException.class, () -> FlowLogFormat.parse(" ")).code());
    }

    @Test
    void defaultFormatTextIsTheFourteenVersionTwoFields() {
        assertEquals("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} "
                + "${start} ${end} ${action} ${log-status}", FlowLogFormat.DEFAULT.text());
    }
}
