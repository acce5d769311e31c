package dev.backlane.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** A provider's process behind a load balancer's target in a test: a loopback listener serving each connection on a thread of its own. */
final class TcpTarget {
    /** How one connection is served; an IOException ends it (the client went away, or the tunnel was reset). */
    interface Serve {
        void serve(Socket connection) throws IOException;
    }

    /** Echoes what it reads. */
    static final Serve ECHO = connection -> connection.getInputStream().transferTo(connection.getOutputStream());

    private TcpTarget() {}

    /** Serves each connection the listener accepts, until the listener is closed. */
    static void serve(ServerSocket listener, Serve serve) {
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket connection = listener.accept();
                    Thread worker = new Thread(() -> {
                        try (connection) {
                            serve.serve(connection);
                        } catch (IOException e) {
                            // The client went away.
                        }
                    });
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-target-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }
}
