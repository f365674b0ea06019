package dev.rigwatch.app;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/**
 * How one instance of a streams stage shares the work with the others of its application id: warm copies of its
 * state elsewhere, and how soon the group gives a silent instance's tasks to another.
 */
final class InstanceOptions {

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Warm copies of each state store kept on other instances, so that one taking over a lost "
                    + "instance's tasks need not rebuild their state from the changelogs first.")
    int standbyReplicas;

    @Option(names = "--session-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "45s",
            description = "How long the group waits for a silent (crashed, cut off) instance before its tasks move "
                    + "to the others: Kafka's default is 45 s; lower fails over sooner, and also on a long GC pause.")
    Duration sessionTimeout;

    Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout.toMillis());
        return props;
    }
}
