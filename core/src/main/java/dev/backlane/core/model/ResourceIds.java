package dev.backlane.core.model;

/** The form of AWS resource IDs: a prefix, a dash, then 8 (older resources) or 17 lower-case hex digits. */
public final class ResourceIds {
    private ResourceIds() {}

    public static boolean isWellFormed(String prefix, String id) {
        if (id == null || !id.startsWith(prefix) || id.length() <= prefix.length() + 1 || id.charAt(prefix.length()) != '-') {
            return false;
        }
        int digits = id.length() - prefix.length() - 1;
        if (digits != 8 && digits != 17) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The prefix of an ID, the part before its last dash: {@code vpc} for {@code vpc-0a1b...}. */
    public static String prefixOf(String id) {
        int dash = id.lastIndexOf('-');
        return dash < 0 ? "" : id.substring(0, dash);
    }
}
