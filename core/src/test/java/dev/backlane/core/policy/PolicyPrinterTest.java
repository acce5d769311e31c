package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PolicyPrinterTest {

    @Test
    void printsCanonicalJson() {
        Policy policy = PolicyParser.parse("""
                {"Statement": {"Resource": ["arn:aws:s3:::b/*"], "Action": "s3:GetObject", "Effect": "Allow",
                 "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/R"]},
                 "Condition": {"Bool": {"aws:SecureTransport": true}, "NumericLessThan": {"s3:max-keys": 10.50}}},
                 "Id": "p1", "Version": "2012-10-17"}
                """);
        assertEquals("{\"Version\":\"2012-10-17\",\"Id\":\"p1\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:role/R\"]},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"},"
                + "\"NumericLessThan\":{\"s3:max-keys\":\"10.50\"}}}]}", PolicyPrinter.print(policy));
    }

    @Test
    void printsStarPrincipalAndNegatedElements() {
        String json = "{\"Statement\":[{\"Sid\":\"S\",\"Effect\":\"Deny\",\"NotPrincipal\":\"*\",\"NotAction\":[\"s3:A\",\"s3:B\"],\"NotResource\":\"*\"}]}";
        assertEquals(json, PolicyPrinter.print(PolicyParser.parse(json)));
    }
}
