package dev.backlane.dataplane.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.elb.ProbeResult;
import dev.backlane.core.model.ElbProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes against small loopback servers that behave as targets do: accept, answer with a code, refuse, answer
 * garbage, accept and never answer, and serve HTTPS with a certificate nobody trusts.
 */
class HealthProbesTest {
    /** The timeout of the probe that must time out: short, so the test is. */
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    /**
     * The timeout of probes whose target answers (or refuses, or closes): long, so that a target thread a loaded machine
     * schedules late is still heard, and the probe's result is what the target did, not when.
     */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(5);

    private final HealthProbes probes = new HealthProbes();
    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void close() throws IOException {
        probes.close();
        for (ServerSocket server : servers) {
            server.close();
        }
    }

    @Test
    void aTcpCheckPassesOnAnAcceptedConnectionAndFailsOnARefusedOne() throws Exception {
        InetSocketAddress listening = serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), socket -> {});

        assertEquals(ProbeResult.connected(), probe(listening, ElbProtocol.TCP));
        assertEquals(ProbeResult.failed(), probe(refusing(), ElbProtocol.TCP));
    }

    @Test
    void anHttpCheckSendsGetWithTheHostAndReadsTheStatusCode() throws Exception {
        InetSocketAddress target = serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answering("HTTP/1.1 404 Not Found\r\n"
                + "Content-Length: 1000000\r\n\r\n"));

        assertEquals(ProbeResult.responded(404), probe(target, ElbProtocol.HTTP));
        synchronized (requests) {
            String request = requests.get(0);
            assertTrue(request.startsWith("GET /health HTTP/1.1\r\n"), request);
            assertTrue(request.contains("host: 10.0.1.20:80") || request.contains("Host: 10.0.1.20:80"), request);
            assertTrue(request.toLowerCase().contains("user-agent: elb-healthchecker/2.0"), request);
        }
    }

    @Test
    void aTargetThatAcceptsAndNeverAnswersTimesOut() throws Exception {
        InetSocketAddress silent = serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), socket -> sleep(5_000));

        long started = System.nanoTime();
        assertEquals(ProbeResult.timedOut(), probes.probe(new HealthProbes.Probe(silent, ElbProtocol.HTTP, "/health", "10.0.1.20:80", TIMEOUT))
                .get(5, TimeUnit.SECONDS));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(took >= TIMEOUT.toMillis() - 50 && took < 3_000, "ended at its timeout, not the target's pace: " + took + " ms");
    }

    @Test
    void anAnswerThatIsNotHttpOrAClosedConnectionFails() throws Exception {
        InetSocketAddress garbage = serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answering("SSH-2.0-OpenSSH_9.2\r\n\r\n"));
        InetSocketAddress closing = serve(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), socket -> {});

        assertEquals(ProbeResult.failed(), probe(garbage, ElbProtocol.HTTP));
        assertEquals(ProbeResult.failed(), probe(closing, ElbProtocol.HTTP));
    }

    @Test
    void anHttpsCheckTrustsAnyCertificate() throws Exception {
        SSLServerSocket server = (SSLServerSocket) selfSigned().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        InetSocketAddress target = serve(server, answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        // A JVM's first TLS handshake is slow (its random source, its classes): this probe gets a check's usual timeout.
        HealthProbes.Probe probe = new HealthProbes.Probe(target, ElbProtocol.HTTPS, "/health", "10.0.1.20:443", Duration.ofSeconds(10));
        assertEquals(ProbeResult.responded(200), probes.probe(probe).get(15, TimeUnit.SECONDS));
    }

    private ProbeResult probe(InetSocketAddress target, ElbProtocol protocol) throws Exception {
        return probes.probe(new HealthProbes.Probe(target, protocol, "/health", "10.0.1.20:80", ANSWERED_WITHIN)).get(15, TimeUnit.SECONDS);
    }

    private static InetSocketAddress refusing() throws IOException {
        try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), closed.getLocalPort());
        }
    }

    /** Reads the request's head, then writes the answer and closes. */
    private Consumer<Socket> answering(String answer) {
        return socket -> {
            try {
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int next = in.read();
                    if (next < 0) {
                        return;
                    }
                    head.append((char) next);
                }
                synchronized (requests) {
                    requests.add(head.toString());
                }
                OutputStream out = socket.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // The prober closed first: nothing to answer.
            }
        };
    }

    private InetSocketAddress serve(ServerSocket server, Consumer<Socket> behaviour) {
        servers.add(server);
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    behaviour.accept(socket);
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-target");
        accepting.setDaemon(true);
        accepting.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** A TLS server context with a fresh self-signed certificate, made by the JDK's own keytool. */
    private SSLContext selfSigned() throws Exception {
        Path keystore = directory.resolve("target.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "target",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=target.internal", "-validity", "1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, new String(keytool.getInputStream().readAllBytes()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
