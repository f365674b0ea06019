package dev.rigwatch.events.kafka;

/** An admin call that failed or did not answer in time, with Kafka's cause. */
public final class KafkaAdminException extends RuntimeException {

    public KafkaAdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
