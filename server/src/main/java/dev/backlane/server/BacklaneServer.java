package dev.backlane.server;

import com.sun.net.httpserver.HttpServer;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.http.AdminHttpHandler;
import dev.backlane.server.http.AwsHttpHandler;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.store.EmbeddedStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A running Backlane: the cloud, its store, and one HTTP port that speaks every AWS API Backlane
 * knows plus the admin endpoints under {@code /_backlane/}.
 */
public final class BacklaneServer implements AutoCloseable {
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer http;
    private final ExecutorService executor;
    private final EmbeddedStore store;
    private final Cloud cloud;

    private BacklaneServer(HttpServer http, ExecutorService executor, EmbeddedStore store, Cloud cloud) {
        this.http = http;
        this.executor = executor;
        this.store = store;
        this.cloud = cloud;
    }

    public static BacklaneServer start(ServerConfig config) {
        RegionCatalog regions = RegionCatalog.standard();
        EmbeddedStore store = config.inMemory() ? null : EmbeddedStore.open(config.dataDirectory());
        World initial = store == null ? World.empty() : store.load();
        Cloud cloud = new Cloud(initial, InstantSource.system(), new RandomIdSource(),
                new DefaultVpcInitializer(regions, new VpcCommands(config.quotas())), store == null ? ChangeSink.none() : store);
        ApiDispatcher dispatcher = new ApiDispatcher(
                Map.of("ec2", ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json"),
                        "sts", ServiceEndpoint.load("sts", "sts-2011-06-15.service-2.json"),
                        "elasticloadbalancing", ServiceEndpoint.load("elasticloadbalancing", "elbv2-2015-12-01.service-2.json")),
                Operations.registry(config.quotas(), regions),
                cloud);
        // The JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm holds the body back until the client's delayed ACK, which adds 40 ms to every call.
        // The JDK reads this property once, when the first server in the JVM is created.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 256);
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4), runnable -> {
                Thread thread = new Thread(runnable, "backlane-http");
                thread.setDaemon(true);
                return thread;
            });
            http.setExecutor(executor);
            http.createContext("/", new AwsHttpHandler(dispatcher, config.defaultRegion(), config.defaultAccount()));
            http.createContext("/_backlane/", new AdminHttpHandler(cloud));
            http.start();
            return new BacklaneServer(http, executor, store, cloud);
        } catch (IOException e) {
            if (store != null) {
                store.close();
            }
            throw new UncheckedIOException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String endpoint() {
        return "http://" + http.getAddress().getHostString() + ":" + port();
    }

    public Cloud cloud() {
        return cloud;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (store != null) {
            store.close();
        }
    }
}
