package dev.backlane.dataplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConnectAuthorityTest {
    @Test
    void hostAndPortAreTheTunnelsTarget() {
        assertEquals(Optional.of(new TunnelRequest("vpce-1-a.vpce-svc-1.us-east-1.vpce.amazonaws.com", 443, 5000)),
                ConnectAuthority.parse("vpce-1-a.vpce-svc-1.us-east-1.vpce.amazonaws.com:443", 5000));
        assertEquals(Optional.of(new TunnelRequest("10.0.1.20", 65535, 1)), ConnectAuthority.parse("10.0.1.20:65535", 1));
        assertEquals(Optional.of(new TunnelRequest("billing.example", 8443, 1)), ConnectAuthority.parse("billing.example.:8443", 1),
                "a fully qualified name's root dot is dropped");
    }

    @Test
    void anythingElseIsNoTarget() {
        for (String target : List.of("", "host", "host:", ":80", "host:0", "host:65536", "host:1234567", "host:-1", "[::1]:443", "a b:80", "/path:80",
                "http://host:80", "host:80/x", "-host:80", "a..b:80", "x".repeat(254) + ":80")) {
            assertTrue(ConnectAuthority.parse(target, 1).isEmpty(), target);
        }
    }

    /** The hand-written check takes exactly the names of the grammar it replaced, as a regular expression. */
    @Test
    void theHostCheckTakesTheNamesOfTheGrammar() {
        Pattern grammar = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");
        List<String> cases = new ArrayList<>(List.of("a", "a.", ".", "..", "a..b", "-a", "a-", "a.-b", "_svc.example", "a".repeat(63), "a".repeat(64),
                "a".repeat(63) + ".b", "a".repeat(64) + ".b", "b." + "a".repeat(63), "10.0.1.20", "é.example", "a b", "a:b", ""));
        Random random = new Random(12);
        String alphabet = "ab9_-.Z:é";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = random.nextInt(12); name.length() < length; ) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(name.toString());
        }
        for (String host : cases) {
            assertEquals(grammar.matcher(host).matches(), ConnectAuthority.isHost(host), host);
        }
    }
}
