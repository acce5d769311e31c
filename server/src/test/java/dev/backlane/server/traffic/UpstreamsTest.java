package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamsTest {
    @Test
    void aNamedServiceGoesToItsUpstreamAndEveryOtherToTheDefault() {
        Upstreams upstreams = Upstreams.parse(List.of("s3=http://127.0.0.1:9000/", "default=http://localhost:4566", "SQS=https://sqs.test:8443"));

        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), upstreams.forService("s3"));
        assertEquals(Optional.of(URI.create("https://sqs.test:8443")), upstreams.forService("sqs"), "service names are matched in lower case");
        assertEquals(Optional.of(URI.create("http://localhost:4566")), upstreams.forService("dynamodb"));
        assertEquals(Optional.empty(), Upstreams.parse(List.of("s3=http://127.0.0.1:9000")).forService("dynamodb"));
    }

    @Test
    void malformedUpstreamsAreRefusedNamingTheFlag() {
        for (String flag : List.of("s3", "=http://x", "s3=ftp://x", "s3=http://x/path", "s3=127.0.0.1:9000", "s 3=http://x", "ec2=http://x",
                "sts=http://x")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Upstreams.parse(List.of(flag)), flag);
            assertTrue(refused.getMessage().startsWith("--upstream"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Upstreams.parse(List.of("s3=http://a", "s3=http://b")));
        assertThrows(IllegalArgumentException.class, () -> Upstreams.parse(List.of("default=http://a", "default=http://b")));
    }
}
