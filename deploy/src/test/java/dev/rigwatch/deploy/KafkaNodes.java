package dev.rigwatch.deploy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.PortBinding;
import dev.rigwatch.events.kafka.KafkaClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

/**
 * A KRaft cluster of {@code rigwatch-kafka:local} containers on a network of their own: each node a combined broker
 * and controller, reached by containers as {@code kafka-N:19092} and from this JVM at a fixed host port, fixed so that
 * a node killed and started again, or cut off and reconnected, comes back at the address clients know.
 * With three nodes it is configured as production would be: replication 3, {@code min.insync.replicas} 2, no unclean
 * leader election. Each node's log goes to {@code target/containers/}.
 */
final class KafkaNodes implements AutoCloseable {

    static final String IMAGE = "rigwatch-kafka:local";
    private static final String CLUSTER_ID = "5dG8q1N0SOa3nQm1Yk0wWQ";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Network network;
    private final List<GenericContainer<?>> nodes;
    private final List<Integer> hostPorts;

    private KafkaNodes(Network network, List<GenericContainer<?>> nodes, List<Integer> hostPorts) {
        this.network = network;
        this.nodes = nodes;
        this.hostPorts = hostPorts;
    }

    /** Starts {@code count} nodes (1 or 3) and returns once each has said it started. */
    static KafkaNodes start(int count, String logName) {
        Images.ensureBuilt();
        Network network = Network.newNetwork();
        List<Integer> ports = IntStream.range(0, count).map(i -> freePort()).boxed().toList();
        String voters = IntStream.rangeClosed(1, count).mapToObj(id -> id + "@kafka-" + id + ":9093")
                .collect(Collectors.joining(","));
        int replication = Math.min(3, count);
        int minIsr = Math.max(1, replication - 1);
        List<GenericContainer<?>> nodes = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            int hostPort = ports.get(id - 1);
            Path log = ContainerLogs.of(logName + "-kafka-" + id);
            GenericContainer<?> node = new GenericContainer<>(IMAGE)
                    .withNetwork(network)
                    .withNetworkAliases("kafka-" + id)
                    .withEnv("CLUSTER_ID", CLUSTER_ID)
                    .withEnv("KAFKA_NODE_ID", String.valueOf(id))
                    .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                    .withEnv("KAFKA_LISTENERS", "PLAINTEXT://:19092,HOST://:9092,CONTROLLER://:9093")
                    .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + id + ":19092,HOST://localhost:" + hostPort)
                    .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,HOST:PLAINTEXT,CONTROLLER:PLAINTEXT")
                    .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT")
                    .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                    .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters)
                    .withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", String.valueOf(replication))
                    .withEnv("KAFKA_MIN_INSYNC_REPLICAS", String.valueOf(minIsr))
                    .withEnv("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                    .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", String.valueOf(replication))
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", String.valueOf(replication))
                    .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", String.valueOf(minIsr))
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", String.valueOf(replication))
                    .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", String.valueOf(minIsr))
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_HEAP_OPTS", "-Xmx384m")
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                            .withPortBindings(PortBinding.parse(hostPort + ":9092")))
                    .withLogConsumer(frame -> ContainerLogs.append(log, frame.getUtf8String()))
                    .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(START_TIMEOUT));
            nodes.add(node);
        }
        KafkaNodes cluster = new KafkaNodes(network, nodes, ports);
        try {
            // a node finishes starting only once a quorum of controllers is up: start them together
            Startables.deepStart(nodes).join();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** How this JVM reaches the cluster. */
    String bootstrapServers() {
        return hostPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** How containers on {@link #network()} reach the cluster. */
    String internalBootstrapServers() {
        return IntStream.rangeClosed(1, nodes.size()).mapToObj(id -> "kafka-" + id + ":19092")
                .collect(Collectors.joining(","));
    }

    Network network() {
        return network;
    }

    /** {@code docker kill}: SIGKILL, no clean shutdown. Its data stays in the container for {@link #restart}. */
    void kill(int id) {
        docker().killContainerCmd(node(id).getContainerId()).exec();
    }

    /** Starts a killed node again, on its data, and returns once it has said it started (a second time). */
    void restart(int id) {
        GenericContainer<?> node = node(id);
        docker().startContainerCmd(node.getContainerId()).exec();
        Wait.forLogMessage(".*Kafka Server started.*", 2).withStartupTimeout(START_TIMEOUT).waitUntilReady(node);
    }

    /** {@code docker network disconnect}: the node runs on, but neither the other nodes nor this JVM reach it. */
    void disconnect(int id) {
        docker().disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(node(id).getContainerId())
                .withForce(true).exec();
    }

    /** {@code docker network connect}, with the node's name on the network again. */
    void reconnect(int id) {
        docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(node(id).getContainerId())
                .withContainerNetwork(new ContainerNetwork().withAliases("kafka-" + id)).exec();
    }

    /**
     * Waits until the cluster counts {@code count} live brokers (a lost one is fenced once it misses its heartbeats):
     * the proof a fault took effect, and that a node came back; how long that took.
     */
    Duration awaitLiveBrokers(int count) {
        long start = System.nanoTime();
        long deadline = start + START_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(KafkaClients.admin(bootstrapServers()))) {
            while (true) {
                int live = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
                if (live == count) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster counts " + live + " live brokers, not " + count
                            + ", after " + START_TIMEOUT);
                }
                Thread.sleep(250);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the cluster at " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private GenericContainer<?> node(int id) {
        return nodes.get(id - 1);
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public void close() {
        nodes.forEach(GenericContainer::stop);
        network.close();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
