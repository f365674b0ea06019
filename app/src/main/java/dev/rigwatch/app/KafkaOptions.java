package dev.rigwatch.app;

import picocli.CommandLine.Option;

/** Where a stage finds Kafka: the flag, else KAFKA_BOOTSTRAP_SERVERS, else a local broker on the default port. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}, where `rigwatch broker` and `rigwatch demo` listen).")
    String bootstrapServers;
}
