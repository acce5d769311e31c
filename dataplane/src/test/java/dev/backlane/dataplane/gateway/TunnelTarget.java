package dev.backlane.dataplane.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A target process for the tunnel tests: a loopback listener that runs one behaviour per accepted connection, on its own thread. */
final class TunnelTarget implements AutoCloseable {
    interface Behaviour {
        void serve(Socket connection) throws IOException;
    }

    private final ServerSocket listener;
    final List<Socket> accepted = new CopyOnWriteArrayList<>();

    TunnelTarget(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    accepted.add(connection);
                    Thread worker = new Thread(() -> {
                        try (connection) {
                            behaviour.serve(connection);
                        } catch (IOException e) {
                            // The test's client went away.
                        }
                    }, "tunnel-target-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tunnel-target");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Echoes every byte until the client's FIN, then closes. */
    static TunnelTarget echo() throws IOException {
        return new TunnelTarget(connection -> connection.getInputStream().transferTo(connection.getOutputStream()));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : accepted) {
            connection.close();
        }
    }
}
