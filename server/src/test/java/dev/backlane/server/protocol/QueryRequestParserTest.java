package dev.backlane.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryRequestParserTest {
    private static final ServiceModel EC2 = ServiceModel.load("ec2-2016-11-15.service-2.json");
    private static final ServiceModel ELBV2 = ServiceModel.load("elbv2-2015-12-01.service-2.json");
    private final QueryRequestParser ec2 = new QueryRequestParser(EC2);
    private final QueryRequestParser elbv2 = new QueryRequestParser(ELBV2);

    private Map<String, Object> parseEc2(String operation, String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return ec2.parse(EC2.operation(operation).orElseThrow(), parameters);
    }

    @Test
    void flattenedListsOfStructuresWithNestedListsComeOutInIndexOrder() {
        Map<String, Object> input = parseEc2("DescribeVpcs",
                "Filter.2.Name", "state", "Filter.2.Value.1", "available",
                "Filter.1.Name", "tag:Name", "Filter.1.Value.2", "b", "Filter.1.Value.1", "a",
                "VpcId.1", "vpc-12345678");
        assertEquals(List.of(
                Map.of("Name", "tag:Name", "Values", List.of("a", "b")),
                Map.of("Name", "state", "Values", List.of("available"))), input.get("Filters"));
        assertEquals(List.of("vpc-12345678"), input.get("VpcIds"));
    }

    @Test
    void requestNamesComeFromCapitalisedLocationNames() {
        Map<String, Object> input = parseEc2("CreateVpc", "CidrBlock", "10.0.0.0/16", "AmazonProvidedIpv6CidrBlock", "true",
                "TagSpecification.1.ResourceType", "vpc", "TagSpecification.1.Tag.1.Key", "k", "TagSpecification.1.Tag.1.Value", "v");
        assertEquals(Boolean.TRUE, input.get("AmazonProvidedIpv6CidrBlock"));
        assertEquals(List.of(Map.of("ResourceType", "vpc", "Tags", List.of(Map.of("Key", "k", "Value", "v")))), input.get("TagSpecifications"));
    }

    @Test
    void typesAreChecked() {
        assertEquals(50, parseEc2("DescribeVpcs", "MaxResults", "50").get("MaxResults"));
        AwsException notNumber = assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "MaxResults", "fifty"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, notNumber.code());
        assertTrue(notNumber.getMessage().contains("MaxResults"), notNumber.getMessage());
        AwsException notBoolean = assertThrows(AwsException.class, () -> parseEc2("CreateVpc", "AmazonProvidedIpv6CidrBlock", "yes"));
        assertTrue(notBoolean.getMessage().contains("AmazonProvidedIpv6CidrBlock"), notBoolean.getMessage());
        AwsException badEnum = assertThrows(AwsException.class, () -> parseEc2("CreateVpc", "InstanceTenancy", "shared"));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, badEnum.code());
    }

    @Test
    void boundsFromTheModelAreEnforced() {
        AwsException low = assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "MaxResults", "4"));
        assertTrue(low.getMessage().contains("greater than or equal to 5"), low.getMessage());
        AwsException high = assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "MaxResults", "1001"));
        assertTrue(high.getMessage().contains("less than or equal to 1000"), high.getMessage());
    }

    @Test
    void missingRequiredMemberIsNamed() {
        AwsException missing = assertThrows(AwsException.class, () -> parseEc2("DeleteVpc"));
        assertEquals(ErrorCode.MISSING_PARAMETER, missing.code());
        assertEquals("The request must contain the parameter VpcId", missing.getMessage());
    }

    @Test
    void unknownAndMisplacedParametersAreRefused() {
        assertEquals(ErrorCode.UNKNOWN_PARAMETER, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "Colour", "red")).code());
        assertEquals(ErrorCode.UNKNOWN_PARAMETER, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "MaxResults.1", "5")).code());
        assertEquals(ErrorCode.UNKNOWN_PARAMETER, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "Filter.1.Bogus", "x")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "VpcId.0", "x")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "VpcId.x", "x")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, assertThrows(AwsException.class, () -> parseEc2("DescribeVpcs", "VpcId.01", "x")).code());
    }

    @Test
    void queryProtocolListsUseMemberAndEmptyListMarker() {
        OperationModel describe = ELBV2.operation("DescribeLoadBalancers").orElseThrow();
        Map<String, Object> input = elbv2.parse(describe, Map.of("Names.member.2", "b", "Names.member.1", "a"));
        assertEquals(List.of("a", "b"), input.get("Names"));
        assertEquals(List.of(), elbv2.parse(describe, Map.of("Names", "")).get("Names"));
        AwsException flat = assertThrows(AwsException.class, () -> elbv2.parse(describe, Map.of("Names.1", "a")));
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, flat.code());
    }

    @Test
    void queryProtocolLengthAndRequiredErrorsAreValidationErrors() {
        OperationModel create = ELBV2.operation("CreateTargetGroup").orElseThrow();
        AwsException missing = assertThrows(AwsException.class, () -> elbv2.parse(create, Map.of("Protocol", "TCP")));
        assertEquals(ErrorCode.VALIDATION_ERROR, missing.code());
        OperationModel addTags = ELBV2.operation("AddTags").orElseThrow();
        AwsException tooLong = assertThrows(AwsException.class, () -> elbv2.parse(addTags,
                Map.of("ResourceArns.member.1", "arn", "Tags.member.1.Key", "k".repeat(129))));
        assertEquals(ErrorCode.VALIDATION_ERROR, tooLong.code());
        assertEquals("1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: "
                + "Member must have length less than or equal to 128", tooLong.getMessage());
    }

    @Test
    void queryProtocolEnumErrorsListTheModelsValuesInAwsWords() {
        OperationModel create = ELBV2.operation("CreateTargetGroup").orElseThrow();
        AwsException badProtocol = assertThrows(AwsException.class, () -> elbv2.parse(create, Map.of("Name", "web", "Protocol", "http")));

        assertEquals(ErrorCode.VALIDATION_ERROR, badProtocol.code());
        assertEquals("1 validation error detected: Value 'http' at 'protocol' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC]", badProtocol.getMessage());
        AwsException badHealthCheck = assertThrows(AwsException.class,
                () -> elbv2.parse(create, Map.of("Name", "web", "HealthCheckProtocol", "ICMP")));
        assertEquals(true, badHealthCheck.getMessage().startsWith("1 validation error detected: Value 'ICMP' at 'healthCheckProtocol' "),
                badHealthCheck.getMessage());
    }

    @Test
    void timestampsAcceptIso8601() {
        OperationModel operation = EC2.operation("DescribeSpotPriceHistory").orElseThrow();
        Map<String, Object> input = ec2.parse(operation, Map.of("StartTime", "2026-01-02T03:04:05Z"));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), input.get("StartTime"));
        assertThrows(AwsException.class, () -> ec2.parse(operation, Map.of("StartTime", "yesterday")));
    }
}
