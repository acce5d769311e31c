package dev.backlane.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParametersTest {
    @Test
    void decodesPercentEscapesAndPlus() {
        assertEquals(Map.of("Action", "CreateTags", "Tag.1.Value", "a b/ü"),
                FormParameters.decode("Action=CreateTags&Tag.1.Value=a+b%2F%C3%BC".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = "Action=DescribeVpcs&Filter.1.Value.1=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(ErrorCode.MALFORMED_QUERY_STRING, assertThrows(AwsException.class, () -> FormParameters.decode(latin1)).code());
        byte[] escaped = "Action=DescribeVpcs&X=%C3%28".getBytes(StandardCharsets.UTF_8);
        assertEquals(ErrorCode.MALFORMED_QUERY_STRING, assertThrows(AwsException.class, () -> FormParameters.decode(escaped)).code());
    }

    @Test
    void refusesMalformedEscapesAndRepeatedParameters() {
        assertEquals(ErrorCode.MALFORMED_QUERY_STRING,
                assertThrows(AwsException.class, () -> FormParameters.decode("Action=%G1".getBytes(StandardCharsets.UTF_8))).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE,
                assertThrows(AwsException.class, () -> FormParameters.decode("VpcId.1=a&VpcId.1=b".getBytes(StandardCharsets.UTF_8))).code());
    }
}
