package dev.backlane.core.policy;

/**
 * Parses IPv4 and IPv6 addresses in their text forms without {@code InetAddress}, which could try a
 * DNS lookup for a string that is not an address. Returns the 4 or 16 address bytes, or null.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseVersion6(text);
        }
        return parseVersion4(text);
    }

    static byte[] parseVersion4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                digits++;
                if (value > 255 || digits > 3) {
                    return null;
                }
            } else if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] parseVersion6(String text) {
        byte[] bytes = new byte[16];
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        byte[] headBytes = groups(head, gap < 0);
        byte[] tailBytes = gap >= 0 ? groups(tail, true) : new byte[0];
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        if (gap < 0) {
            return headBytes.length == 16 ? headBytes : null;
        }
        if (headBytes.length + tailBytes.length > 14) {
            return null;
        }
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
        return bytes;
    }

    // Reads colon-separated groups; the last group may be a dotted IPv4 address when allowed.
    private static byte[] groups(String text, boolean mayEndInVersion4) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] pieces = text.split(":", -1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && mayEndInVersion4 && piece.indexOf('.') >= 0) {
                byte[] version4 = parseVersion4(piece);
                if (version4 == null) {
                    return null;
                }
                out.write(version4, 0, 4);
                continue;
            }
            if (piece.isEmpty() || piece.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < piece.length(); j++) {
                int digit = Character.digit(piece.charAt(j), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            out.write(value >> 8);
            out.write(value & 0xff);
        }
        return out.size() > 16 ? null : out.toByteArray();
    }
}
