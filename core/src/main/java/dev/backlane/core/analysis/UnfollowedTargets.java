package dev.backlane.core.analysis;

/**
 * Names the route targets the path engine does not follow, by ID prefix, and why: what lies behind them
 * is outside the VPC's configuration (a VPN or Direct Connect network, a transit gateway's other
 * attachments) or depends on software Backlane cannot see (an appliance's forwarding).
 */
final class UnfollowedTargets {
    private UnfollowedTargets() {}

    /** A sentence naming the target's kind and where its traffic goes. */
    static String describe(String target) {
        int dash = target.indexOf('-');
        String prefix = dash < 0 ? target : target.substring(0, dash);
        String kind = switch (prefix) {
            case "vgw" -> "virtual private gateway %s: traffic leaves the VPC over VPN or Direct Connect to a network the snapshot does not describe";
            case "tgw" -> "transit gateway %s: its route tables and other attachments are not analysed";
            case "eigw" -> "egress-only internet gateway %s, which carries IPv6 only";
            case "lgw" -> "local gateway %s of an Outpost";
            case "cagw" -> "carrier gateway %s of a Wavelength Zone";
            case "eni", "i" -> "network interface or instance %s, an appliance whose forwarding Backlane does not model";
            default -> "%s, a target Backlane does not follow";
        };
        return kind.formatted(target);
    }
}
