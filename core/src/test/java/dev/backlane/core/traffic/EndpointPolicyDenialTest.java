package dev.backlane.core.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EndpointPolicyDenialTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/app";

    private static RequestFacts facts(String service, String action, String resource) {
        return new RequestFacts(service, "us-east-1", Optional.of("AKID"), service + ".us-east-1.amazonaws.com", action.substring(action.indexOf(':') + 1),
                action, resource);
    }

    @Test
    void s3QuotesTheResourceAndSaysWhetherAStatementDeniedOrNoneAllowed() {
        AwsException implicit = EndpointPolicyDenial.of(facts("s3", "s3:PutObject", "arn:aws:s3:::b/k"), ROLE, false);
        assertEquals(ErrorCode.ACCESS_DENIED, implicit.code());
        assertEquals("User: arn:aws:iam::111122223333:role/app is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::b/k\" "
                + "because no VPC endpoint policy allows the s3:PutObject action", implicit.getMessage());
        AwsException explicit = EndpointPolicyDenial.of(facts("s3", "s3:PutObject", "arn:aws:s3:::b/k"), ROLE, true);
        assertEquals("User: arn:aws:iam::111122223333:role/app is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::b/k\" "
                + "with an explicit deny in a VPC endpoint policy", explicit.getMessage());
    }

    @Test
    void eachProtocolFamilyAnswersWithItsOwnCodeAndStatus() {
        AwsException dynamodb = EndpointPolicyDenial.of(facts("dynamodb", "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/t"), ROLE,
                false);
        assertEquals(ErrorCode.ACCESS_DENIED_EXCEPTION, dynamodb.code());
        assertEquals(400, dynamodb.code().httpStatus());
        assertEquals("User: arn:aws:iam::111122223333:role/app is not authorized to perform: dynamodb:GetItem on resource: "
                + "arn:aws:dynamodb:us-east-1:111122223333:table/t because no VPC endpoint policy allows the dynamodb:GetItem action", dynamodb.getMessage());
        assertEquals(ErrorCode.ACCESS_DENIED_EXCEPTION_FORBIDDEN, EndpointPolicyDenial.of(facts("lambda", "lambda:InvokeFunction", "*"), ROLE, true).code());
        assertEquals(ErrorCode.ACCESS_DENIED, EndpointPolicyDenial.of(facts("sts", "sts:GetCallerIdentity", "*"), ROLE, true).code());
        assertEquals(ErrorCode.ACCESS_DENIED, EndpointPolicyDenial.of(facts("sqs", "sqs:SendMessage", "*"), ROLE, true).code());
        assertEquals(ErrorCode.AUTHORIZATION_ERROR, EndpointPolicyDenial.of(facts("sns", "sns:Publish", "*"), ROLE, true).code());
        assertEquals(ErrorCode.ACCESS_DENIED_EXCEPTION, EndpointPolicyDenial.of(facts("kinesis", "kinesis:PutRecord", "*"), ROLE, true).code(),
                "a service without a model answers as the JSON services do");
        AwsException ec2 = EndpointPolicyDenial.of(facts("ec2", "ec2:DescribeVpcs", "*"), ROLE, false);
        assertEquals(ErrorCode.UNAUTHORIZED_OPERATION, ec2.code());
        assertEquals("You are not authorized to perform this operation. User: arn:aws:iam::111122223333:role/app is not authorized to perform: "
                + "ec2:DescribeVpcs because no VPC endpoint policy allows the ec2:DescribeVpcs action", ec2.getMessage());
    }
}
