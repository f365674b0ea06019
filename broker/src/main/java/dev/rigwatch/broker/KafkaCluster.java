package dev.rigwatch.broker;

import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.KafkaSecurity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft process acting as both broker and controller, run
 * with Kafka's production server classes. Used by {@code rigwatch broker}, the demo and the tests. Its client
 * listener speaks PLAINTEXT; {@link #startSecured} adds a SASL_SSL and a mutual-TLS listener.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Marks a formatted log directory; its absence is what makes a data dir "new". */
    private static final String META_PROPERTIES = "meta.properties";
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Ports ports;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private boolean closed;

    private KafkaCluster(KafkaRaftServer server, Ports ports, Path dataDir, boolean ownsDataDir) {
        this.server = server;
        this.bootstrapServers = HOST + ":" + ports.client();
        this.ports = ports;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * Starts a broker on 127.0.0.1 and returns once it answers clients.
     *
     * @param port    the client (PLAINTEXT) port; 0 picks a free one
     * @param dataDir where the logs and metadata live: formatted on first use and reused afterwards, so topics
     *                and records survive a restart; null uses a temporary directory deleted by {@link #close()}
     */
    public static KafkaCluster start(int port, Path dataDir) {
        return start(port, dataDir, null);
    }

    /**
     * Starts a broker on 127.0.0.1 with a temporary data dir and, besides the PLAINTEXT listener, the two TLS
     * listeners of {@code secure}; see {@link #saslSslBootstrapServers()} and {@link #mtlsBootstrapServers()}.
     */
    public static KafkaCluster startSecured(SecureListeners secure) {
        return start(0, null, secure);
    }

    private static KafkaCluster start(int port, Path dataDir, SecureListeners secure) {
        long startNanos = System.nanoTime();
        boolean ownsDataDir = dataDir == null;
        Path dir = ownsDataDir ? createTempDir() : dataDir.toAbsolutePath();
        KafkaRaftServer server = null;
        try {
            boolean fresh = !Files.exists(dir.resolve(META_PROPERTIES));
            if (fresh) {
                format(dir, secure == null ? List.of() : secure.scramArguments());
            }
            Ports ports = reservePorts(port, secure != null);
            Properties props = serverProperties(dir, ports);
            if (secure != null) {
                secure.addTo(props, HOST, ports.saslSsl(), ports.mtls());
            }
            server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            String bootstrap = HOST + ":" + ports.client();
            awaitReady(bootstrap);
            log.info("Kafka broker ready at {}{} in {} ms (data dir {}, {})", bootstrap,
                    secure == null ? "" : ", SASL_SSL at " + HOST + ":" + ports.saslSsl() + ", mTLS at " + HOST + ":"
                            + ports.mtls(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), dir,
                    ownsDataDir ? "temporary" : fresh ? "newly formatted" : "reused");
            return new KafkaCluster(server, ports, dir, ownsDataDir);
        } catch (Throwable e) {
            cleanUpFailedStart(server, ownsDataDir ? dir : null, e);
            throw e;
        }
    }

    /** The address clients connect to: {@code 127.0.0.1:PORT}, PLAINTEXT. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The SASL_SSL listener of a {@link #startSecured secured} broker: SCRAM-SHA-512 over TLS. */
    public String saslSslBootstrapServers() {
        return HOST + ":" + securePort(ports.saslSsl());
    }

    /** The mutual-TLS listener of a {@link #startSecured secured} broker: SSL with a client certificate required. */
    public String mtlsBootstrapServers() {
        return HOST + ":" + securePort(ports.mtls());
    }

    private int securePort(int port) {
        if (port == 0) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " was started without TLS listeners");
        }
        return port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down and waits for it; deletes the data dir only if it was a temporary one. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        stop(server);
        if (ownsDataDir) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the broker's temporary data dir " + dataDir, e);
            }
        }
        log.info("Kafka broker at {} stopped in {} ms", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static Properties serverProperties(Path dir, Ports ports) {
        String client = "PLAINTEXT://" + HOST + ":" + ports.client();
        String controller = CONTROLLER_LISTENER + "://" + HOST + ":" + ports.controller();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ports.controller());
        props.put("listeners", client + "," + controller);
        props.put("advertised.listeners", client);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dir.toString());
        // a single node can hold only one replica of Kafka's internal topics
        for (String internal : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            props.put(internal + ".replication.factor", "1");
            props.put(internal + ".min.isr", "1");
        }
        // consumer groups join at once instead of waiting for more members that a single-process setup never has
        props.put("group.initial.rebalance.delay.ms", "0");
        // every topic comes from the catalogue; a typo'd topic name must fail instead of creating a stray topic
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "3");
        return props;
    }

    private static void format(Path dir, List<String> scramArguments) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .setDirectories(List.of(dir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setScramArguments(scramArguments)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data dir " + dir + ": " + e.getMessage(), e);
        }
        log.debug("Formatted {}: {}", dir, output.toString(StandardCharsets.UTF_8).trim());
    }

    /** @param saslSsl 0, as {@code mtls}, when the broker has no TLS listeners */
    private record Ports(int client, int controller, int saslSsl, int mtls) {
    }

    /**
     * Binds the client port (the requested one, or a free one for 0) and free controller (and TLS) ports together,
     * so they differ and a taken client port fails here with a clear message; all are released for the broker.
     */
    private static Ports reservePorts(int requestedClientPort, boolean secure) {
        InetAddress host = loopback();
        try (ServerSocket client = bind(host, requestedClientPort);
             ServerSocket controller = bind(host, 0);
             ServerSocket saslSsl = secure ? bind(host, 0) : null;
             ServerSocket mtls = secure ? bind(host, 0) : null) {
            return new Ports(client.getLocalPort(), controller.getLocalPort(),
                    secure ? saslSsl.getLocalPort() : 0, secure ? mtls.getLocalPort() : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close a port probe on " + HOST, e);
        }
    }

    private static ServerSocket bind(InetAddress host, int port) {
        try {
            return new ServerSocket(port, 1, host);
        } catch (IOException e) {
            throw new UncheckedIOException(port == 0
                    ? "cannot find a free port on " + HOST
                    : "port " + port + " on " + HOST + " is not available for the Kafka broker", e);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName(HOST);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + HOST, e);
        }
    }

    /**
     * Waits until the broker answers a client request: startup() returning does not promise that. It asks over the
     * PLAINTEXT listener, whatever security the process's clients are set to use elsewhere.
     */
    private static void awaitReady(String bootstrap) {
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrap, KafkaSecurity.PLAINTEXT))) {
            DescribeClusterResult cluster = admin.describeCluster();
            List<Node> nodes = List.copyOf(cluster.nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (nodes.isEmpty()) {
                throw new IllegalStateException("Kafka broker at " + bootstrap + " started but reports no live broker");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker at " + bootstrap, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker at " + bootstrap + " started but did not answer within "
                    + READY_TIMEOUT_SECONDS + " s: " + e.getMessage(), e);
        }
    }

    private static void stop(KafkaRaftServer server) {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("rigwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data dir for the Kafka broker", e);
        }
    }

    /** Stops what a failed start left running; a cleanup failure is attached to the start failure, never hides it. */
    private static void cleanUpFailedStart(KafkaRaftServer server, Path tempDir, Throwable startFailure) {
        try {
            stop(server);
        } catch (RuntimeException e) {
            startFailure.addSuppressed(e);
        }
        if (tempDir != null) {
            try {
                Utils.delete(tempDir.toFile());
            } catch (IOException e) {
                startFailure.addSuppressed(e);
            }
        }
    }
}
