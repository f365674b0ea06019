package dev.rigwatch.app;

import picocli.CommandLine.Option;

/** Where a stage finds Kafka: the flag, else the env (RIGWATCH_BOOTSTRAP_SERVERS, KAFKA_BOOTSTRAP_SERVERS) or config file, else a local broker. */
final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers; also read from KAFKA_BOOTSTRAP_SERVERS (default: where `rigwatch broker` and `rigwatch demo` listen).")
    String bootstrapServers;
}
