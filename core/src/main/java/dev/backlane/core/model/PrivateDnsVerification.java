package dev.backlane.core.model;

import static java.util.Objects.requireNonNull;

/**
 * The TXT record that proves the provider owns its service's private DNS name: AWS asks for a record
 * named {@code _<random>.<domain>} with the value {@code vpce:<random>}, and reports the name's state
 * until StartVpcEndpointServicePrivateDnsVerification finds it.
 */
public record PrivateDnsVerification(String name, String value, DnsNameState state) {
    public static final String TYPE = "TXT";

    public PrivateDnsVerification {
        requireNonNull(name, "name is null");
        requireNonNull(value, "value is null");
        requireNonNull(state, "state is null");
    }

    public PrivateDnsVerification verified() {
        return new PrivateDnsVerification(name, value, DnsNameState.VERIFIED);
    }
}
