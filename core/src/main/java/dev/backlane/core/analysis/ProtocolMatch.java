package dev.backlane.core.analysis;

import java.util.Locale;

/** Whether a rule's protocol, written as AWS stores it (a name, a number or {@code -1}), covers a protocol. */
final class ProtocolMatch {
    static final int ECHO_REQUEST = 8;
    static final int ECHO_REPLY = 0;

    private ProtocolMatch() {}

    static boolean covers(String ruleProtocol, Protocol protocol) {
        String lower = ruleProtocol.toLowerCase(Locale.ROOT);
        return lower.equals("-1") || lower.equals("all") || lower.equals(protocol.awsName()) || lower.equals(protocol.number());
    }

    static boolean isAll(String ruleProtocol) {
        return ruleProtocol.equals("-1") || ruleProtocol.equalsIgnoreCase("all");
    }
}
