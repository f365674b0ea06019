package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.TopicNamespace;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link WebhookDelivery} reads alerts and POSTs them.
 *
 * @param groupId             consumer group of the {@code alerts} reader (its committed offsets are what is done)
 * @param topics              the topic namespace ({@link TopicNamespace#PRODUCTION} outside sandboxes)
 * @param connectTimeout      TCP (and TLS) connect timeout of one POST
 * @param readTimeout         longest silence while reading a response (also the write timeout)
 * @param callTimeout         the whole POST, connect to last response byte
 * @param maxAttempts         POSTs per alert before it goes to the dead letter topic
 * @param initialBackoff      pause before the 2nd attempt; doubled for each further one, with ±50 % jitter
 * @param maxBackoff          the longest pause, also the cap on a receiver's {@code Retry-After}
 * @param concurrency         POSTs running at once (threads of the delivery pool)
 * @param maxInFlight         alerts read but not yet delivered or dead-lettered; above it the reader pauses
 * @param commitInterval      how often offsets of finished alerts are committed
 * @param shutdownGrace       how long {@link WebhookDelivery#close()} lets running attempts finish
 * @param allowPrivateTargets whether webhooks may point at loopback, private and link-local addresses and use
 *                            plain http: local testing only, never in production (SSRF)
 */
public record WebhookSettings(
        String groupId,
        TopicNamespace topics,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int concurrency,
        int maxInFlight,
        Duration commitInterval,
        Duration shutdownGrace,
        boolean allowPrivateTargets) {

    public static final String DEFAULT_GROUP_ID = "rigwatch-webhooks";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final int DEFAULT_MAX_IN_FLIGHT = 1000;

    public WebhookSettings {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topics, "topics");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(commitInterval, "commitInterval");
        requirePositive(shutdownGrace, "shutdownGrace");
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " must be at least initialBackoff " + initialBackoff);
        }
        if (maxAttempts < 1 || concurrency < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("maxAttempts, concurrency and maxInFlight must be positive, got "
                    + maxAttempts + ", " + concurrency + ", " + maxInFlight);
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(DEFAULT_GROUP_ID, TopicNamespace.PRODUCTION, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF, DEFAULT_CONCURRENCY, DEFAULT_MAX_IN_FLIGHT, Duration.ofSeconds(1),
                Duration.ofSeconds(10), false);
    }

    public WebhookSettings withGroupId(String groupId) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withTopics(TopicNamespace topics) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withTimeouts(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withConcurrency(int concurrency, int maxInFlight) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withShutdownGrace(Duration shutdownGrace) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    public WebhookSettings withAllowPrivateTargets(boolean allowPrivateTargets) {
        return new WebhookSettings(groupId, topics, connectTimeout, readTimeout, callTimeout, maxAttempts,
                initialBackoff, maxBackoff, concurrency, maxInFlight, commitInterval, shutdownGrace, allowPrivateTargets);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
