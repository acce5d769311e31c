package dev.backlane.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation against AWS's Service Authorization Reference: actions, resources and condition keys. */
class ServiceReferenceChecksTest {

    private static final Set<FindingCode> REFERENCE_CODES = Set.of(FindingCode.INVALID_ACTION, FindingCode.INVALID_SERVICE_IN_ACTION,
            FindingCode.RESOURCE_MISMATCH, FindingCode.INVALID_GLOBAL_CONDITION_KEY, FindingCode.INVALID_SERVICE_CONDITION_KEY,
            FindingCode.INVALID_SERVICE, FindingCode.ARN_REGION_NOT_ALLOWED, FindingCode.MISSING_ARN_REGION, FindingCode.ARN_ACCOUNT_NOT_ALLOWED,
            FindingCode.MISSING_ARN_ACCOUNT);

    private static ValidationReport endpoint(String statement) {
        return PolicyValidator.validate("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}", PolicyKind.ENDPOINT);
    }

    private static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":" + action + ",\"Resource\":" + resource + "}";
    }

    private static String allowAllWhen(String condition) {
        return "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":" + condition + "}";
    }

    private static Finding only(ValidationReport report, FindingCode code) {
        List<Finding> found = report.findings().stream().filter(finding -> finding.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + report.findings());
        return found.get(0);
    }

    private static List<Finding> referenceFindings(ValidationReport report) {
        return report.findings().stream().filter(finding -> REFERENCE_CODES.contains(finding.code())).toList();
    }

    @Test
    void misspelledActionIsAnErrorWithTheNearestAction() {
        Finding finding = only(endpoint(allow("[\"s3:ListBucket\",\"s3:GetObjects\"]", "\"*\"")), FindingCode.INVALID_ACTION);
        assertEquals("$.Statement[0].Action[1]", finding.path());
        assertEquals("The action s3:GetObjects does not exist. Did you mean s3:GetObject?", finding.message());
        assertEquals(Severity.ERROR, finding.severity());
    }

    @Test
    void misspelledStsActionSuggestsAssumeRole() {
        Finding finding = only(endpoint(allow("\"sts:AssumeRol\"", "\"*\"")), FindingCode.INVALID_ACTION);
        assertEquals("$.Statement[0].Action", finding.path());
        assertTrue(finding.message().endsWith("Did you mean sts:AssumeRole?"), finding.message());
    }

    @Test
    void unknownServicePrefixIsInvalidServiceInAction() {
        Finding finding = only(endpoint(allow("\"foo:Bar\"", "\"*\"")), FindingCode.INVALID_SERVICE_IN_ACTION);
        assertEquals("The service foo specified in the action foo:Bar does not exist.", finding.message());
        Finding nearMiss = only(endpoint(allow("\"s33:GetObject\"", "\"*\"")), FindingCode.INVALID_SERVICE_IN_ACTION);
        assertTrue(nearMiss.message().endsWith("Did you mean s3?"), nearMiss.message());
    }

    @Test
    void actionsMatchIgnoringCase() {
        assertEquals(List.of(), referenceFindings(endpoint(allow("[\"S3:getobject\",\"ec2:describeinstances\"]", "\"*\""))));
    }

    @Test
    void wildcardActionMustMatchARealAction() {
        assertEquals(List.of(), referenceFindings(endpoint(allow("[\"s3:Get*\",\"s3:*Object\",\"dynamodb:?etItem\"]", "\"*\""))));
        Finding finding = only(endpoint(allow("\"s3:Gte*\"", "\"*\"")), FindingCode.INVALID_ACTION);
        assertEquals("The action s3:Gte* matches no action of the service s3.", finding.message());
    }

    @Test
    void objectActionOnABucketArnIsAResourceMismatch() {
        ValidationReport report = endpoint(allow("\"s3:GetObject\"", "[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]"));
        Finding finding = only(report, FindingCode.RESOURCE_MISMATCH);
        assertEquals("$.Statement[0].Resource[0]", finding.path());
        assertTrue(finding.message().contains("object (arn:${Partition}:s3:::${BucketName}/${ObjectName})"), finding.message());
        assertEquals(Severity.WARNING, finding.severity());
    }

    @Test
    void aResourceThatAnyOfTheActionsTakesIsFine() {
        assertEquals(List.of(), referenceFindings(endpoint(allow("[\"s3:ListBucket\",\"s3:GetObject\"]",
                "[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]"))));
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"s3:*\"", "[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]"))));
    }

    @Test
    void wildcardsAndVariablesInTheResourceCountAsAnyText() {
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"s3:GetObject\"", "[\"arn:aws:s3:::*\",\"arn:*:s3:::reports-??/*\","
                + "\"arn:aws:s3:::home/${aws:username}/*\"]"))));
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"dynamodb:GetItem\"", "\"arn:aws:dynamodb:*:111122223333:table/Orders\""))));
    }

    @Test
    void aResourceOfAnotherServiceIsAMismatch() {
        Finding finding = only(endpoint(allow("\"dynamodb:GetItem\"", "\"arn:aws:s3:::reports/*\"")), FindingCode.RESOURCE_MISMATCH);
        assertEquals("$.Statement[0].Resource", finding.path());
    }

    @Test
    void regionWhereTheServiceTakesNoneIsNamedAsSuch() {
        ValidationReport report = endpoint(allow("\"s3:GetObject\"", "\"arn:aws:s3:us-east-1::reports/*\""));
        Finding finding = only(report, FindingCode.ARN_REGION_NOT_ALLOWED);
        assertEquals("The service s3 does not support specifying a Region in the resource ARN.", finding.message());
        assertEquals(List.of(finding), referenceFindings(report), "no second finding for the same resource");
    }

    @Test
    void accountWhereTheServiceTakesNoneIsNamedAsSuch() {
        only(endpoint(allow("\"s3:GetObject\"", "\"arn:aws:s3::111122223333:reports/*\"")), FindingCode.ARN_ACCOUNT_NOT_ALLOWED);
    }

    @Test
    void missingRegionOrAccountWhereTheServiceNeedsOne() {
        only(endpoint(allow("\"dynamodb:GetItem\"", "\"arn:aws:dynamodb::111122223333:table/Orders\"")), FindingCode.MISSING_ARN_REGION);
        Finding account = only(endpoint(allow("\"dynamodb:GetItem\"", "\"arn:aws:dynamodb:us-east-1::table/Orders\"")),
                FindingCode.MISSING_ARN_ACCOUNT);
        assertEquals("The resource table/Orders in the arn is missing an account id. Please provide a 12 digit account id.", account.message());
    }

    @Test
    void arnFieldsAreCheckedWhateverTheActions() {
        ValidationReport report = endpoint("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"s3:GetObject\","
                + "\"NotResource\":\"arn:aws:s3:eu-west-1::reports/*\"}");
        only(report, FindingCode.ARN_REGION_NOT_ALLOWED);
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"*\"", "[\"arn:aws:s3:::reports\",\"arn:aws:s3:*:*:reports/*\","
                + "\"arn:aws:dynamodb:*:*:table/Orders\",\"arn:aws:iam::111122223333:role/app\"]"))));
    }

    @Test
    void actionsWithoutResourceTypesTakeOnlyStar() {
        Finding finding = only(endpoint(allow("\"s3:ListAllMyBuckets\"", "\"arn:aws:s3:::reports\"")), FindingCode.RESOURCE_MISMATCH);
        assertTrue(finding.message().endsWith("its actions take only \"*\""), finding.message());
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"s3:ListAllMyBuckets\"", "\"*\""))));
    }

    @Test
    void notActionNotResourceStarAndUnknownActionsAreNotResourceChecked() {
        assertEquals(List.of(), referenceFindings(endpoint(
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports\"}")));
        assertEquals(List.of(), referenceFindings(endpoint(
                "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s3:::reports\"}")));
        assertEquals(List.of(), referenceFindings(endpoint(allow("\"*\"", "\"arn:aws:s3:::reports\""))));
        List<Finding> unknown = referenceFindings(endpoint(allow("\"s3:GetObjects\"", "\"arn:aws:s3:::reports\"")));
        assertEquals(List.of(FindingCode.INVALID_ACTION), unknown.stream().map(Finding::code).toList());
    }

    @Test
    void typicalEndpointPolicyConditionsValidateClean() {
        ValidationReport report = endpoint(allowAllWhen("{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\","
                + "\"aws:SourceVpce\":\"vpce-1a2b3c4d\",\"aws:ResourceAccount\":\"111122223333\",\"aws:PrincipalAccount\":\"111122223333\"},"
                + "\"StringLike\":{\"aws:PrincipalTag/team\":\"blue\",\"s3:prefix\":\"home/*\",\"s3:RequestObjectTag/Project\":\"x\"},"
                + "\"Bool\":{\"aws:SecureTransport\":\"true\"}}"));
        assertEquals(List.of(), report.findings());
    }

    @Test
    void unknownGlobalConditionKeySuggestsTheNearest() {
        Finding finding = only(endpoint(allowAllWhen("{\"StringEquals\":{\"aws:SourceVpcee\":\"vpce-1a2b3c4d\"}}")),
                FindingCode.INVALID_GLOBAL_CONDITION_KEY);
        assertEquals("$.Statement[0].Condition.StringEquals['aws:SourceVpcee']", finding.path());
        assertEquals("The condition key aws:SourceVpcee does not exist. Did you mean aws:SourceVpce?", finding.message());
    }

    @Test
    void deprecatedArnKeyIsAWarningNotAnUnknownKey() {
        ValidationReport report = endpoint(allowAllWhen("{\"ArnLike\":{\"aws:arn\":\"arn:aws:iam::111122223333:role/*\"}}"));
        assertEquals(Severity.WARNING, only(report, FindingCode.DEPRECATED_GLOBAL_CONDITION_KEY).severity());
        assertFalse(report.hasErrors());
    }

    @Test
    void unknownServiceConditionKeyNamesTheService() {
        Finding finding = only(endpoint(allowAllWhen("{\"StringEquals\":{\"s3:prefixx\":\"home/\"}}")),
                FindingCode.INVALID_SERVICE_CONDITION_KEY);
        assertEquals("The condition key s3:prefixx does not exist in the service s3. Did you mean s3:prefix?", finding.message());
    }

    @Test
    void unknownServiceInAConditionKeyIsInvalidService() {
        only(endpoint(allowAllWhen("{\"StringEquals\":{\"foo:bar\":\"x\"}}")), FindingCode.INVALID_SERVICE);
    }

    @Test
    void identityProviderKeysAreNotServiceKeys() {
        assertEquals(List.of(), referenceFindings(endpoint(allowAllWhen("{\"StringEquals\":{\"saml:aud\":\"https://signin.aws.amazon.com/saml\","
                + "\"accounts.google.com:aud\":\"x\",\"oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:sub\":\"system:serviceaccount:a:b\"}}"))));
    }

    @Test
    void awsStoresPoliciesWithUnknownNamesSoTheyAreNotRefused() {
        ValidationReport report = endpoint(allow("[\"s3:GetObjects\",\"foo:Bar\"]", "\"*\""));
        assertTrue(report.hasErrors());
        assertFalse(report.refused());
        assertTrue(endpoint(allow("\"s3GetObject\"", "\"*\"")).refused());
    }

    @Test
    void parsingDoesNotConsultTheReference() {
        Policy policy = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + allow("\"s3:GetObjects\"", "\"*\"") + "]}");
        assertEquals(List.of("s3:GetObjects"), policy.statements().get(0).action().values());
    }

    @Test
    void theReferenceKnowsItsOrigin() {
        ServiceReference reference = ServiceReference.standard();
        assertTrue(reference.servicePrefixes().size() > 400, "services: " + reference.servicePrefixes().size());
        assertTrue(reference.version().startsWith("0."), reference.version());
        assertEquals(List.of("accesspointobject", "object"), reference.service("s3").orElseThrow().action("GetObject").orElseThrow().resourceTypes());
    }
}
