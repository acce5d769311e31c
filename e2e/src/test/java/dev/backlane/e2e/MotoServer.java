package dev.backlane.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code moto_server} (moto's stand-alone mode) on a free loopback port, as an upstream the gateway sends S3 calls to. */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** moto_server started and answering, or empty when it is not installed. */
    static Optional<MotoServer> start(Path logFile) {
        Optional<ExternalProgram> program = ExternalProgram.find("moto_server");
        if (program.isEmpty()) {
            return Optional.empty();
        }
        try {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            java.nio.file.Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(program.get().executable().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            MotoServer moto = new MotoServer(process, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!moto.answers()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    moto.close();
                    throw new IllegalStateException("moto_server did not start; see " + logFile);
                }
                Thread.sleep(100);
            }
            return Optional.of(moto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
