package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyValidatorTest {

    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}";

    private static ValidationReport endpoint(String json) {
        return PolicyValidator.validate(json, PolicyKind.ENDPOINT);
    }

    private static String statement(String body) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + body + "]}";
    }

    private static void assertFinding(ValidationReport report, FindingCode code, String path) {
        assertTrue(report.findings().stream().anyMatch(finding -> finding.code() == code && finding.path().equals(path)),
                () -> "expected " + code + " at " + path + " in " + report.findings());
    }

    @Test
    void wellFormedEndpointPolicyHasNoFindings() {
        assertEquals(List.of(), endpoint(ALLOW_ALL).findings());
    }

    @Test
    void malformedJsonIsOneErrorAtTheRoot() {
        ValidationReport report = endpoint("{\"Version\": ");
        assertTrue(report.hasErrors());
        assertFinding(report, FindingCode.MALFORMED_JSON, "$");
        assertTrue(report.firstErrorMessage().orElseThrow().contains("not valid JSON"));
    }

    @Test
    void malformedJsonIsExplainedInPlainWordsWithLineAndColumn() {
        String unclosed = PolicyValidator.validate("{\"Statement\": [", PolicyKind.ENDPOINT).firstErrorMessage().orElseThrow();
        assertEquals("The policy document is not valid JSON at line 1, column 16: the document ends before the list [ opened at line 1, "
                + "column 15 is closed (at $)", unclosed);
        String badName = endpoint("{\n  \"Version\": \"2012-10-17\",\n  not}").firstErrorMessage().orElseThrow();
        assertTrue(badName.startsWith("The policy document is not valid JSON at line 3, column 3: unexpected character 'n'"), badName);
        for (String document : List.of("{\"a\":", "[1 2]", "{\"a\":\"x\n\"}", "{\"a\": tru}", "{\"a\":01}", "{\"a\"")) {
            String message = endpoint(document).firstErrorMessage().orElseThrow();
            assertFalse(message.contains("Source") || message.contains("StreamReadFeature") || message.contains("code "), message);
            assertTrue(message.contains("at line "), message);
        }
    }

    @Test
    void trailingContentIsMalformed() {
        assertFinding(endpoint(ALLOW_ALL + " {}"), FindingCode.MALFORMED_JSON, "$");
    }

    @Test
    void emptyDocumentIsMalformed() {
        assertFinding(endpoint("   "), FindingCode.MALFORMED_JSON, "$");
    }

    @Test
    void documentMustBeAnObject() {
        assertFinding(endpoint("[1]"), FindingCode.WRONG_TYPE, "$");
    }

    @Test
    void duplicateElementsAreAllReported() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));
        assertFinding(report, FindingCode.DUPLICATE_ELEMENT, "$.Statement[0].Effect");
        assertFinding(report, FindingCode.DUPLICATE_ELEMENT, "$.Statement[0].Action");
    }

    @Test
    void unknownElementsAreErrors() {
        assertFinding(endpoint("{\"Version\":\"2012-10-17\",\"Statment\":[]}"), FindingCode.UNKNOWN_ELEMENT, "$.Statment");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"principal\":\"*\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.UNKNOWN_ELEMENT, "$.Statement[0].principal");
    }

    @Test
    void missingRequiredElements() {
        ValidationReport report = endpoint(statement("{\"Principal\":\"*\"}"));
        assertFinding(report, FindingCode.MISSING_EFFECT, "$.Statement[0]");
        assertFinding(report, FindingCode.MISSING_ACTION, "$.Statement[0]");
        assertFinding(report, FindingCode.MISSING_RESOURCE, "$.Statement[0]");
        assertFinding(endpoint("{\"Version\":\"2012-10-17\"}"), FindingCode.MISSING_STATEMENT, "$");
        assertFinding(endpoint("{\"Version\":\"2012-10-17\",\"Statement\":[]}"), FindingCode.EMPTY_ELEMENT, "$.Statement");
    }

    @Test
    void wrongTypes() {
        assertFinding(endpoint(statement("{\"Effect\":true,\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.WRONG_TYPE, "$.Statement[0].Effect");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":{\"a\":1},\"Resource\":\"*\"}")),
                FindingCode.WRONG_TYPE, "$.Statement[0].Action");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:*\",3],\"Resource\":\"*\"}")),
                FindingCode.WRONG_TYPE, "$.Statement[0].Action[1]");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":[]}")),
                FindingCode.WRONG_TYPE, "$.Statement[0].Condition");
        assertFinding(endpoint("{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}"), FindingCode.WRONG_TYPE, "$.Statement");
        assertFinding(endpoint("{\"Version\":1,\"Statement\":[]}"), FindingCode.WRONG_TYPE, "$.Version");
    }

    @Test
    void invalidEffect() {
        assertFinding(endpoint(statement("{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.INVALID_EFFECT, "$.Statement[0].Effect");
    }

    @Test
    void mutuallyExclusiveElements() {
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}")),
                FindingCode.MUTUALLY_EXCLUSIVE_ELEMENTS, "$.Statement[0].NotAction");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"NotResource\":\"*\"}")),
                FindingCode.MUTUALLY_EXCLUSIVE_ELEMENTS, "$.Statement[0].NotResource");
        assertFinding(endpoint(statement("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotPrincipal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.MUTUALLY_EXCLUSIVE_ELEMENTS, "$.Statement[0].NotPrincipal");
    }

    @Test
    void actionsNeedAServicePrefixWithoutWildcards() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"GetObject\",\"s*3:GetObject\",\"s3:\",\"s3:Get*\",\"*\"],\"Resource\":\"*\"}"));
        assertFinding(report, FindingCode.MALFORMED_ACTION, "$.Statement[0].Action[0]");
        assertFinding(report, FindingCode.MALFORMED_ACTION, "$.Statement[0].Action[1]");
        assertFinding(report, FindingCode.MALFORMED_ACTION, "$.Statement[0].Action[2]");
        assertEquals(3, report.findings().stream().filter(finding -> finding.code() == FindingCode.MALFORMED_ACTION).count());
    }

    @Test
    void resourcesMustBeArnsOfSixParts() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":[\"bucket\",\"arn:aws:s3\",\"arn:aws:ec2:us-east-1:12345:vpc/x\",\"arn:aws:s3:::b/*\"]}"));
        assertFinding(report, FindingCode.INVALID_ARN, "$.Statement[0].Resource[0]");
        assertFinding(report, FindingCode.INVALID_ARN, "$.Statement[0].Resource[1]");
        assertFinding(report, FindingCode.INVALID_ARN, "$.Statement[0].Resource[2]");
        assertEquals(3, report.findings().stream().filter(finding -> finding.code() == FindingCode.INVALID_ARN).count());
    }

    @Test
    void principalsAllowNoPartialWildcards() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::*:root\",\"123\",\"111122223333\",\"arn:aws:iam::111122223333:role/R\"]},\"Action\":\"*\",\"Resource\":\"*\"}"));
        assertFinding(report, FindingCode.INVALID_PRINCIPAL, "$.Statement[0].Principal.AWS[0]");
        assertFinding(report, FindingCode.INVALID_PRINCIPAL, "$.Statement[0].Principal.AWS[1]");
        assertEquals(2, report.errors().size());
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"111122223333\",\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.INVALID_PRINCIPAL, "$.Statement[0].Principal");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":{\"User\":\"x\"},\"Action\":\"*\",\"Resource\":\"*\"}")),
                FindingCode.INVALID_PRINCIPAL, "$.Statement[0].Principal.User");
    }

    @Test
    void principalRulesDependOnTheKind() {
        String withoutPrincipal = statement("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertFinding(PolicyValidator.validate(withoutPrincipal, PolicyKind.ENDPOINT), FindingCode.MISSING_PRINCIPAL, "$.Statement[0]");
        assertFinding(PolicyValidator.validate(withoutPrincipal, PolicyKind.RESOURCE), FindingCode.MISSING_PRINCIPAL, "$.Statement[0]");
        assertFalse(PolicyValidator.validate(withoutPrincipal, PolicyKind.IDENTITY).hasErrors());
        assertFinding(PolicyValidator.validate(ALLOW_ALL, PolicyKind.IDENTITY), FindingCode.PRINCIPAL_NOT_ALLOWED, "$.Statement[0].Principal");
    }

    @Test
    void unknownConditionOperators() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringEqual\":{\"aws:SourceVpce\":\"v\"},\"NullIfExists\":{\"a:b\":\"true\"},\"stringequals\":{\"a:b\":\"c\"}}}"));
        assertFinding(report, FindingCode.UNKNOWN_CONDITION_OPERATOR, "$.Statement[0].Condition.StringEqual");
        assertFinding(report, FindingCode.UNKNOWN_CONDITION_OPERATOR, "$.Statement[0].Condition.NullIfExists");
        assertFinding(report, FindingCode.UNKNOWN_CONDITION_OPERATOR, "$.Statement[0].Condition.stringequals");
    }

    @Test
    void everyOperatorNameIsKnown() {
        for (ConditionFunction function : ConditionFunction.values()) {
            for (SetQualifier qualifier : SetQualifier.values()) {
                String name = qualifier.prefix() + function.text();
                assertEquals(name, ConditionOperator.parse(name).orElseThrow().text());
                if (function != ConditionFunction.NULL) {
                    assertTrue(ConditionOperator.parse(name + "IfExists").orElseThrow().ifExists());
                }
            }
        }
    }

    @Test
    void conditionValuesMustSuitTheirOperator() {
        ValidationReport report = endpoint(statement(
                "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{"
                        + "\"NumericLessThan\":{\"s3:max-keys\":\"ten\"},\"DateGreaterThan\":{\"aws:CurrentTime\":\"yesterday\"},"
                        + "\"Bool\":{\"aws:SecureTransport\":\"yes\"},\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/33\",\"10.0.0.0/8\"]},"
                        + "\"ArnLike\":{\"aws:SourceArn\":\"topic\"},\"StringEquals\":{\"aws:SourceVpce\":{\"x\":1}}}}"));
        String condition = "$.Statement[0].Condition";
        assertFinding(report, FindingCode.INVALID_CONDITION_VALUE, condition + ".NumericLessThan['s3:max-keys']");
        assertFinding(report, FindingCode.INVALID_CONDITION_VALUE, condition + ".DateGreaterThan['aws:CurrentTime']");
        assertFinding(report, FindingCode.INVALID_CONDITION_VALUE, condition + ".Bool['aws:SecureTransport']");
        assertFinding(report, FindingCode.INVALID_CONDITION_VALUE, condition + ".IpAddress['aws:SourceIp'][0]");
        assertFinding(report, FindingCode.INVALID_CONDITION_VALUE, condition + ".ArnLike['aws:SourceArn']");
        assertFinding(report, FindingCode.WRONG_TYPE, condition + ".StringEquals['aws:SourceVpce']");
    }

    @Test
    void endpointPoliciesForbidWildcardsOnSystemIdentifiers() {
        String json = statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:SourceVpc\":\"vpc-*\"}}}");
        assertFinding(endpoint(json), FindingCode.UNSUPPORTED_ENDPOINT_CONDITION, "$.Statement[0].Condition.StringLike['aws:SourceVpc']");
        assertFalse(PolicyValidator.validate(json, PolicyKind.RESOURCE).hasErrors());
    }

    @Test
    void oversizedPolicyIsAnError() {
        String padding = " ".repeat(PolicyReader.MAXIMUM_CHARACTERS);
        ValidationReport report = endpoint(ALLOW_ALL + padding);
        assertFinding(report, FindingCode.POLICY_TOO_LARGE, "$");
        assertFalse(endpoint(ALLOW_ALL).hasErrors());
    }

    @Test
    void versionChecks() {
        assertFinding(endpoint("{\"Version\":\"2012-10-18\",\"Statement\":[]}"), FindingCode.INVALID_VERSION, "$.Version");
        ValidationReport missing = endpoint("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/${aws:username}\"}]}");
        assertFinding(missing, FindingCode.MISSING_VERSION, "$");
        assertFinding(missing, FindingCode.VARIABLE_IN_OLD_VERSION, "$.Statement[0].Resource");
        assertFalse(missing.hasErrors());
    }

    @Test
    void securityWarnings() {
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111122223333\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}")),
                FindingCode.ALLOW_WITH_NOT_PRINCIPAL, "$.Statement[0].NotPrincipal");
        ValidationReport broad = endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}"));
        assertFinding(broad, FindingCode.BROAD_GRANT, "$.Statement[0]");
        assertEquals(Severity.SECURITY_WARNING, broad.findings().get(0).severity());
        assertFalse(broad.hasErrors());
        assertFinding(PolicyValidator.validate(statement("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), PolicyKind.RESOURCE),
                FindingCode.PUBLIC_ACCESS, "$.Statement[0]");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"iam:*\",\"Resource\":\"arn:aws:s3:::b\"}")),
                FindingCode.ALLOW_WITH_NOT_ACTION, "$.Statement[0].NotAction");
        assertFinding(endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b\",\"Condition\":{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"a\"}}}")),
                FindingCode.FOR_ALL_VALUES_WITH_ALLOW, "$.Statement[0].Condition['ForAllValues:StringEquals']['aws:TagKeys']");
    }

    @Test
    void warningsAndSuggestions() {
        ValidationReport report = endpoint(statement(
                "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:GetObject\"],\"Resource\":\"*\",\"Condition\":{\"ForAnyValue:StringEquals\":{\"aws:SourceVpce\":\"v\"},\"StringEquals\":{\"SourceVpc\":\"v\"}}},"
                        + "{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{}}"));
        assertFinding(report, FindingCode.REDUNDANT_VALUE, "$.Statement[0].Action[1]");
        assertFinding(report, FindingCode.SET_OPERATOR_ON_SINGLE_VALUED_KEY, "$.Statement[0].Condition['ForAnyValue:StringEquals']['aws:SourceVpce']");
        assertFinding(report, FindingCode.CONDITION_KEY_WITHOUT_PREFIX, "$.Statement[0].Condition.StringEquals.SourceVpc");
        assertFinding(report, FindingCode.EMPTY_CONDITION, "$.Statement[1].Condition");
        assertFinding(report, FindingCode.DUPLICATE_SID, "$.Statement[1].Sid");
    }

    @Test
    void firstErrorMessageNamesThePath() {
        ValidationReport report = endpoint(statement("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\"}"));
        assertEquals("The statement has neither Resource nor NotResource (at $.Statement[0])", report.firstErrorMessage().orElseThrow());
    }

    @Test
    void parserRefusesDocumentsWithErrors() {
        PolicyParseException exception = assertThrows(PolicyParseException.class, () -> PolicyParser.parse("{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}"));
        assertFinding(exception.report(), FindingCode.INVALID_EFFECT, "$.Statement.Effect");
        assertEquals(1, PolicyParser.parse(ALLOW_ALL).statements().size());
    }
}
