package dev.backlane.core.policy;

import java.util.Optional;

/**
 * The spellings AWS accepts for AWS principals: a 12-digit account ID is the account's root ARN, and an
 * assumed-role session ARN ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}) belongs to the role
 * {@code arn:aws:iam::ACCOUNT:role/ROLE}. Roles are compared by account and name because a role ARN may
 * carry a path that the session ARN does not.
 */
final class PrincipalNames {

    private PrincipalNames() {
    }

    static boolean isAccountId(String text) {
        if (text.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static String rootArn(String account) {
        return "arn:aws:iam::" + account + ":root";
    }

    /** The account of a root ARN ({@code arn:PARTITION:iam::ACCOUNT:root}), if it is one. */
    static Optional<String> rootAccount(String arn) {
        int[] bounds = Arn.bounds(arn);
        if (bounds == null || !Arn.part(arn, bounds, 0).equals("arn") || !Arn.part(arn, bounds, 2).equals("iam")
                || !Arn.part(arn, bounds, 5).equals("root")) {
            return Optional.empty();
        }
        return Optional.of(Arn.part(arn, bounds, 4));
    }

    /** {@code ACCOUNT/ROLE-NAME} for an IAM role ARN ({@code arn:aws:iam::A:role/path/NAME}). */
    static Optional<String> roleKeyOfRole(String arn) {
        int[] bounds = Arn.bounds(arn);
        if (bounds == null || !Arn.part(arn, bounds, 2).equals("iam")) {
            return Optional.empty();
        }
        String resource = Arn.part(arn, bounds, 5);
        if (!resource.startsWith("role/")) {
            return Optional.empty();
        }
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return Optional.of(Arn.part(arn, bounds, 4) + "/" + name);
    }

    /** {@code ACCOUNT/ROLE-NAME} for an STS session ARN ({@code arn:aws:sts::A:assumed-role/NAME/SESSION}). */
    static Optional<String> roleKeyOfSession(String arn) {
        int[] bounds = Arn.bounds(arn);
        if (bounds == null || !Arn.part(arn, bounds, 2).equals("sts")) {
            return Optional.empty();
        }
        String resource = Arn.part(arn, bounds, 5);
        String[] pieces = resource.split("/", -1);
        if (pieces.length != 3 || !pieces[0].equals("assumed-role")) {
            return Optional.empty();
        }
        return Optional.of(Arn.part(arn, bounds, 4) + "/" + pieces[1]);
    }
}
