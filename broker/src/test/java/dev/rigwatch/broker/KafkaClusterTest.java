package dev.rigwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import dev.rigwatch.events.kafka.TopicAdmin.Result;
import dev.rigwatch.events.kafka.TopicAdmin.Result.Status;
import dev.rigwatch.events.kafka.TopicAdmin.TopicState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One fresh broker for the class: the catalogue topics do not exist on it until the catalogue test creates them. */
class KafkaClusterTest {

    private static KafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        cluster = KafkaCluster.start(0, null);
        admin = Admin.create(KafkaClients.admin(cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        cluster.close();
    }

    @Test
    void brokerOnLoopbackAnswersAsSoonAsStartReturns() throws Exception {
        assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        int port = Integer.parseInt(cluster.bootstrapServers().substring("127.0.0.1:".length()));

        List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get());

        assertThat(nodes).singleElement().satisfies(node -> {
            assertThat(node.id()).isEqualTo(1);
            assertThat(node.host()).isEqualTo("127.0.0.1");
            assertThat(node.port()).isEqualTo(port);
        });
    }

    @Test
    void ensureCreatesTheCatalogueOnceThenReportsItExists() {
        TopicAdmin topicAdmin = new TopicAdmin(admin);
        List<String> names = Topics.all().stream().map(Topic::name).toList();

        List<Result> first = topicAdmin.ensure(Topics.all());
        List<Result> second = topicAdmin.ensure(Topics.all());

        assertThat(first).isEqualTo(names.stream().map(n -> new Result(n, Status.CREATED, List.of())).toList());
        assertThat(second).isEqualTo(names.stream().map(n -> new Result(n, Status.EXISTS, List.of())).toList());
        // the catalogue asks for 3 replicas; a one-broker cluster can hold only one
        assertThat(topicAdmin.describe(Topics.CRYPTO_TICKS)).isEqualTo(new TopicState("crypto.ticks", true, 3, 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete", TopicConfig.RETENTION_MS_CONFIG, "-1")));
        assertThat(topicAdmin.describe(Topics.ALERTS)).isEqualTo(new TopicState("alerts", true, 3, 1,
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete", TopicConfig.RETENTION_MS_CONFIG, "7776000000")));
    }

    @Test
    void ensureReportsMismatchForATopicCreatedWithOtherPartitionsAndRetention() throws Exception {
        Topic<String, String> wanted = new Topic<>("test.mismatch", Serdes.String(), Serdes.String(), 3, (short) 1,
                TopicConfig.CLEANUP_POLICY_DELETE, Duration.ofDays(1), "a topic created unlike its declaration");
        admin.createTopics(List.of(new NewTopic(wanted.name(), 1, (short) 1)
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "3600000")))).all().get();

        List<Result> results = new TopicAdmin(admin).ensure(List.of(wanted));

        assertThat(results).containsExactly(new Result("test.mismatch", Status.MISMATCH, List.of(
                "partitions 1, catalogue says 3",
                "retention.ms=3600000, catalogue says 86400000")));
    }

    @Test
    void sendingToATopicOutsideTheCatalogueFailsInsteadOfCreatingIt() throws Exception {
        Properties props = KafkaClients.producer(cluster.bootstrapServers(), "test-auto-create");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("crypto.tciks", new byte[] {1})).get())
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class)
                    .hasMessage("Topic crypto.tciks not present in metadata after 1000 ms.");
        }
        assertThat(admin.listTopics().names().get()).doesNotContain("crypto.tciks");
    }
}
