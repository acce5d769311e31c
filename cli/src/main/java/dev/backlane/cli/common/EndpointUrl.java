package dev.backlane.cli.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where the running Backlane is: {@code --endpoint-url}, else {@code AWS_ENDPOINT_URL} (the variable the
 * AWS CLI and SDKs read, so one setting points both at Backlane), else {@link #DEFAULT}. Every command
 * that talks to a server takes it the same way.
 */
public final class EndpointUrl {
    public static final String DEFAULT = "http://127.0.0.1:4577";
    public static final String VARIABLE = "AWS_ENDPOINT_URL";
    /** The option's help text, the same on every command. */
    public static final String DESCRIPTION = "The running Backlane (default: $" + VARIABLE + " when set, else " + DEFAULT + ").";

    private EndpointUrl() {}

    /** The base URL (without a trailing slash) from the option's value (null when not given) and the environment. */
    public static URI resolve(String option, Map<String, String> environment) {
        String variable = environment.get(VARIABLE);
        if (option != null) {
            return parse(option, "--endpoint-url");
        }
        if (variable != null && !variable.isBlank()) {
            return parse(variable.strip(), VARIABLE);
        }
        return parse(DEFAULT, "the default endpoint");
    }

    private static URI parse(String text, String source) {
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            throw CommandFailure.usage(source + " must be an http:// or https:// URL of a host and port, such as " + DEFAULT + ", not '"
                    + text + "'");
        }
        return uri;
    }
}
