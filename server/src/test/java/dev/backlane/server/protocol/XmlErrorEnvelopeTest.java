package dev.backlane.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XmlErrorEnvelopeTest {
    private static final AwsException ERROR = AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (a<b) for parameter x is invalid");

    @Test
    void ec2EnvelopeEscapesTheMessage() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidParameterValue</Code>"
                + "<Message>Value (a&lt;b) for parameter x is invalid</Message></Error></Errors><RequestID>r-1</RequestID></Response>",
                XmlErrorEnvelope.ec2(ERROR.code().code(), ERROR.getMessage(), "r-1"));
    }

    @Test
    void queryEnvelopeNamesTheSideAtFaultAndTheNamespaceWhenKnown() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"urn:x\"><Error><Type>Receiver</Type>"
                + "<Code>InternalError</Code><Message>m</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
                XmlErrorEnvelope.query("urn:x", 500, "InternalError", "m", "r-1"));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error><Type>Sender</Type>"
                + "<Code>Throttling</Code><Message>m</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
                XmlErrorEnvelope.query(null, 400, "Throttling", "m", "r-1"));
    }

    @Test
    void servedAndUnservedEc2ErrorsAreTheSameEnvelope() {
        ServiceEndpoint ec2 = ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json");
        ErrorAnswer unserved = ErrorAnswer.of(WireProtocol.EC2, ERROR, "r-1", null);

        assertEquals(new String(ec2.writer().writeError(ERROR, "r-1"), StandardCharsets.UTF_8), new String(unserved.body(), StandardCharsets.UTF_8));
    }
}
