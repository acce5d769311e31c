package dev.backlane.core.model;

/** The kinds of principal an endpoint service can allow, as {@code PrincipalType} names them. */
public enum PrincipalType {
    ALL("All"),
    ACCOUNT("Account"),
    USER("User"),
    ROLE("Role");

    private final String awsName;

    PrincipalType(String awsName) {
        this.awsName = awsName;
    }

    public String awsName() {
        return awsName;
    }
}
