package dev.backlane.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlResponseWriterTest {
    private static final ServiceModel EC2 = ServiceModel.load("ec2-2016-11-15.service-2.json");
    private static final ServiceModel STS = ServiceModel.load("sts-2011-06-15.service-2.json");
    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    @Test
    void ec2ResponsesUseLocationNamesAndItemLists() {
        Map<String, Object> vpc = new LinkedHashMap<>();
        vpc.put("VpcId", "vpc-1");
        vpc.put("IsDefault", false);
        vpc.put("Tags", List.of(Map.of("Key", "a<b", "Value", "x&y")));
        String xml = new String(new XmlResponseWriter(EC2).write(EC2.operation("DescribeVpcs").orElseThrow(),
                Map.of("Vpcs", List.of(vpc)), "req-1"), StandardCharsets.UTF_8);
        assertEquals(HEADER + "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>"
                + "<vpcSet><item><isDefault>false</isDefault>"
                + "<tagSet><item><key>a&lt;b</key><value>x&amp;y</value></item></tagSet><vpcId>vpc-1</vpcId></item></vpcSet></DescribeVpcsResponse>",
                xml, "members come in the model's order whatever the order given");
    }

    @Test
    void emptySetsAreWrittenAndOperationsWithoutOutputReturnTrue() {
        XmlResponseWriter writer = new XmlResponseWriter(EC2);
        assertEquals(HEADER + "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><vpcSet></vpcSet></DescribeVpcsResponse>",
                new String(writer.write(EC2.operation("DescribeVpcs").orElseThrow(), Map.of("Vpcs", List.of()), "r"), StandardCharsets.UTF_8));
        assertEquals(HEADER + "<DeleteVpcResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><return>true</return></DeleteVpcResponse>",
                new String(writer.write(EC2.operation("DeleteVpc").orElseThrow(), Map.of(), "r"), StandardCharsets.UTF_8));
    }

    @Test
    void timestampsAreIsoUtcWithMilliseconds() {
        String xml = new String(new XmlResponseWriter(EC2).write(EC2.operation("DescribeNatGateways").orElseThrow(),
                Map.of("NatGateways", List.of(Map.of("CreateTime", Instant.parse("2026-01-02T03:04:05Z")))), "r"), StandardCharsets.UTF_8);
        assertEquals(true, xml.contains("<createTime>2026-01-02T03:04:05.000Z</createTime>"), xml);
    }

    @Test
    void queryResponsesAreWrappedInResultAndMetadata() {
        String xml = new String(new XmlResponseWriter(STS).write(STS.operation("GetCallerIdentity").orElseThrow(),
                Map.of("Account", "000000000000"), "r"), StandardCharsets.UTF_8);
        assertEquals(HEADER + "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                + "<Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>", xml);
    }

    @Test
    void errorsUseEachServicesEnvelope() {
        AwsException error = AwsException.of(ErrorCode.INVALID_VPC_ID_NOT_FOUND, "The vpc ID 'vpc-1' does not exist");
        assertEquals(HEADER + "<Response><Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;vpc-1&apos; does not exist</Message>"
                + "</Error></Errors><RequestID>r</RequestID></Response>", new String(new XmlResponseWriter(EC2).writeError(error, "r"), StandardCharsets.UTF_8));
        assertEquals(HEADER + "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidVpcID.NotFound</Code>"
                + "<Message>The vpc ID &apos;vpc-1&apos; does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>",
                new String(new XmlResponseWriter(STS).writeError(error, "r"), StandardCharsets.UTF_8));
    }

    @Test
    void aMemberTheShapeDoesNotHaveIsAProgrammingError() {
        assertThrows(IllegalStateException.class, () -> new XmlResponseWriter(EC2).write(EC2.operation("DescribeVpcs").orElseThrow(),
                Map.of("Colour", "red"), "r"));
    }
}
