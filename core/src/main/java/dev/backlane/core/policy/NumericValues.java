package dev.backlane.core.policy;

/**
 * Reads the numbers the Numeric condition operators compare: an optional sign, digits and an optional
 * fraction. Exponents, hexadecimal, NaN and infinities are not numbers to IAM.
 */
final class NumericValues {

    private NumericValues() {
    }

    /** The number, or NaN when the text is not one. */
    static double parse(String text) {
        int length = text.length();
        int index = 0;
        if (index < length && (text.charAt(index) == '-' || text.charAt(index) == '+')) {
            index++;
        }
        int digits = 0;
        boolean point = false;
        for (; index < length; index++) {
            char c = text.charAt(index);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.NaN;
            }
        }
        return digits == 0 ? Double.NaN : Double.parseDouble(text);
    }
}
