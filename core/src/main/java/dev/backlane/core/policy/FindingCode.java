package dev.backlane.core.policy;

import java.util.EnumSet;
import java.util.Set;

/**
 * The catalogue of validation findings, each with its severity. Codes that check names against AWS's
 * Service Authorization Reference carry Access Analyzer's issue codes (INVALID_ACTION,
 * INVALID_SERVICE_IN_ACTION, INVALID_GLOBAL_CONDITION_KEY, ...).
 */
public enum FindingCode {
    MALFORMED_JSON(Severity.ERROR),
    POLICY_TOO_LARGE(Severity.ERROR),
    WRONG_TYPE(Severity.ERROR),
    UNKNOWN_ELEMENT(Severity.ERROR),
    DUPLICATE_ELEMENT(Severity.ERROR),
    MUTUALLY_EXCLUSIVE_ELEMENTS(Severity.ERROR),
    INVALID_VERSION(Severity.ERROR),
    MISSING_STATEMENT(Severity.ERROR),
    EMPTY_ELEMENT(Severity.ERROR),
    DUPLICATE_SID(Severity.ERROR),
    MISSING_EFFECT(Severity.ERROR),
    INVALID_EFFECT(Severity.ERROR),
    MISSING_ACTION(Severity.ERROR),
    MALFORMED_ACTION(Severity.ERROR),
    INVALID_ACTION(Severity.ERROR),
    INVALID_SERVICE_IN_ACTION(Severity.ERROR),
    MISSING_RESOURCE(Severity.ERROR),
    INVALID_ARN(Severity.ERROR),
    ARN_REGION_NOT_ALLOWED(Severity.ERROR),
    MISSING_ARN_REGION(Severity.ERROR),
    ARN_ACCOUNT_NOT_ALLOWED(Severity.ERROR),
    MISSING_ARN_ACCOUNT(Severity.ERROR),
    MISSING_PRINCIPAL(Severity.ERROR),
    PRINCIPAL_NOT_ALLOWED(Severity.ERROR),
    INVALID_PRINCIPAL(Severity.ERROR),
    UNKNOWN_CONDITION_OPERATOR(Severity.ERROR),
    INVALID_GLOBAL_CONDITION_KEY(Severity.ERROR),
    INVALID_SERVICE_CONDITION_KEY(Severity.ERROR),
    INVALID_SERVICE(Severity.ERROR),
    INVALID_CONDITION_VALUE(Severity.ERROR),
    UNSUPPORTED_ENDPOINT_CONDITION(Severity.ERROR),
    ALLOW_WITH_NOT_PRINCIPAL(Severity.SECURITY_WARNING),
    BROAD_GRANT(Severity.SECURITY_WARNING),
    PUBLIC_ACCESS(Severity.SECURITY_WARNING),
    ALLOW_WITH_NOT_ACTION(Severity.SECURITY_WARNING),
    FOR_ALL_VALUES_WITH_ALLOW(Severity.SECURITY_WARNING),
    MISSING_VERSION(Severity.WARNING),
    VARIABLE_IN_OLD_VERSION(Severity.WARNING),
    VARIABLE_NOT_SUPPORTED(Severity.WARNING),
    SET_OPERATOR_ON_SINGLE_VALUED_KEY(Severity.WARNING),
    RESOURCE_MISMATCH(Severity.WARNING),
    DEPRECATED_GLOBAL_CONDITION_KEY(Severity.WARNING),
    CONDITION_KEY_WITHOUT_PREFIX(Severity.WARNING),
    UNKNOWN_SERVICE_PRINCIPAL(Severity.WARNING),
    REDUNDANT_VALUE(Severity.SUGGESTION),
    EMPTY_CONDITION(Severity.SUGGESTION);

    // Errors in Access Analyzer's sense that AWS's APIs still accept: IAM and EC2 store a policy that
    // names an action, condition key or resource no service defines; that part just never matches.
    private static final Set<FindingCode> STORED_BY_AWS = EnumSet.of(INVALID_ACTION, INVALID_SERVICE_IN_ACTION,
            INVALID_GLOBAL_CONDITION_KEY, INVALID_SERVICE_CONDITION_KEY, INVALID_SERVICE, ARN_REGION_NOT_ALLOWED, MISSING_ARN_REGION,
            ARN_ACCOUNT_NOT_ALLOWED, MISSING_ARN_ACCOUNT);

    private final Severity severity;

    FindingCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** Whether AWS refuses a document with this finding (CreateVpcEndpoint's InvalidPolicyDocument). */
    public boolean refusesDocument() {
        return severity == Severity.ERROR && !STORED_BY_AWS.contains(this);
    }
}
