package dev.backlane.core.policy;

/**
 * Where the six parts of an ARN ({@code arn:partition:service:region:account:resource}) start and end
 * inside a string, found once so that matching can compare ranges without splitting. The resource part
 * runs to the end and may itself contain colons.
 */
final class Arn {

    static final int PARTS = 6;

    private Arn() {
    }

    /**
     * The start and end of each part, as {@code [start0, end0, start1, end1, ...]}, or null when the
     * text does not have six colon-separated parts.
     */
    static int[] bounds(String text) {
        int[] bounds = new int[PARTS * 2];
        int start = 0;
        for (int part = 0; part < PARTS - 1; part++) {
            int colon = text.indexOf(':', start);
            if (colon < 0) {
                return null;
            }
            bounds[part * 2] = start;
            bounds[part * 2 + 1] = colon;
            start = colon + 1;
        }
        bounds[(PARTS - 1) * 2] = start;
        bounds[(PARTS - 1) * 2 + 1] = text.length();
        return bounds;
    }

    static String part(String text, int[] bounds, int part) {
        return text.substring(bounds[part * 2], bounds[part * 2 + 1]);
    }
}
