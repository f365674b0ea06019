package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.alerts.webhook.WebhookReceiver.Received;
import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Webhook;
import dev.rigwatch.events.alert.WebhookFailure;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.events.kafka.KafkaClients;
import dev.rigwatch.events.kafka.TopicAdmin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end: subscriptions and alerts on the shared broker, a MockWebServer on loopback as the
 * receivers (one path per subscriber), dead letters read back from Kafka. Most tests share one running delivery
 * (4 attempts, 10 ms initial backoff) on the catalogue topics, each test with its own subscribers; tests that run a
 * delivery of their own do so in a topic namespace of their own, so that the shared one does not see their alerts.
 */
class WebhookDeliveryTest {

    private static final String NEW_SECRET = "whsec-test-newest-0001";
    private static final String OLD_SECRET = "whsec-test-retired-0002";
    private static final Instant EVENT_TIME = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 4;

    private static final WebhookReceiver receiver = new WebhookReceiver();
    private static final MockWebServer server = new MockWebServer();
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private static EventProducer producer;
    private static WebhookDelivery delivery;

    @BeforeAll
    static void start() throws IOException {
        server.setDispatcher(receiver);
        server.start();
        producer = new EventProducer(SharedKafka.bootstrapServers(), "webhook-test-writer");
        delivery = new WebhookDelivery(SharedKafka.bootstrapServers(), testSettings(), Clock.systemUTC(), meters);
        delivery.start();
    }

    @AfterAll
    static void stop() {
        if (delivery != null) {
            delivery.close();
        }
        if (producer != null) {
            producer.close();
        }
        server.close();
    }

    /** Short backoffs; 2 s cap so that a Retry-After of 1 s is honoured; loopback targets allowed. */
    static WebhookSettings testSettings() {
        return WebhookSettings.defaults()
                .withGroupId("webhook-test-" + UUID.randomUUID())
                .withRetries(MAX_ATTEMPTS, Duration.ofMillis(10), Duration.ofSeconds(2))
                .withShutdownGrace(Duration.ofSeconds(2))
                .withAllowPrivateTargets(true);
    }

    @Test
    void postsTheVersionedAlertSignedSoThatEitherSecretOfARotationVerifies() throws Exception {
        String subscriber = subscriber();
        Subscription subscription = subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET, OLD_SECRET));
        Alert alert = publish(subscription, "a-1");

        Received received = receiver.await(path(subscriber), 1, WAIT).get(0);

        assertThat(received.request().getMethod()).isEqualTo("POST");
        assertThat(received.request().getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(received.request().getHeaders().get("User-Agent")).isEqualTo("rigwatch-webhooks/1");
        assertThat(received.alertId()).isEqualTo(alert.id());
        assertThat(received.attempt()).isEqualTo(1);
        JsonNode body = Json.mapper().readTree(received.body());
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(Json.mapper().treeToValue(body.get("alert"), Alert.class)).isEqualTo(alert);

        String signature = received.request().getHeaders().get(WebhookSigner.HEADER);
        byte[] bytes = received.request().getBody().toByteArray();
        Duration tolerance = Duration.ofMinutes(5);
        assertThat(WebhookSigner.verify(signature, bytes, NEW_SECRET, tolerance, Instant.now())).isTrue();
        assertThat(WebhookSigner.verify(signature, bytes, OLD_SECRET, tolerance, Instant.now())).isTrue();
        assertThat(WebhookSigner.verify(signature, bytes, "whsec-someone-else-0003", tolerance, Instant.now())).isFalse();
        byte[] tampered = received.body().replace(alert.message(), "BTC-USD fell").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSigner.verify(signature, tampered, NEW_SECRET, tolerance, Instant.now())).isFalse();
    }

    @Test
    void retriesServerErrorsAndDeliversOnTheThirdAttemptWithTheSameAlertId() throws Exception {
        String subscriber = subscriber();
        receiver.script(path(subscriber), () -> WebhookReceiver.status(500), () -> WebhookReceiver.status(502), () -> WebhookReceiver.status(200));
        Alert alert = publish(subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET)), "a-1");

        List<Received> received = receiver.await(path(subscriber), 3, WAIT);

        assertThat(received).extracting(Received::alertId).containsExactly(alert.id(), alert.id(), alert.id());
        assertThat(received).extracting(Received::attempt).containsExactly(1, 2, 3);
        assertThat(received).extracting(Received::body).containsOnly(received.get(0).body());
    }

    @Test
    void waitsAsLongAsA429sRetryAfterAsks() throws Exception {
        String subscriber = subscriber();
        receiver.script(path(subscriber),
                () -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1").build());
        publish(subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET)), "a-1");

        List<Received> received = receiver.await(path(subscriber), 2, WAIT);

        // without Retry-After the second attempt would follow within 15 ms (10 ms ± 50 %)
        assertThat(Duration.ofNanos(received.get(1).arrivedNanos() - received.get(0).arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(received).extracting(Received::attempt).containsExactly(1, 2);
    }

    @Test
    void aClientErrorIsNotRetriedButDeadLettered() throws Exception {
        String subscriber = subscriber();
        receiver.script(path(subscriber), () -> WebhookReceiver.status(400, "unknown desk"));
        Subscription subscription = subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET));
        Alert alert = publish(subscription, "a-1");

        WebhookFailure failure = deadLetter(subscriber);

        assertThat(failure.alert()).isEqualTo(alert);
        assertThat(failure.subscription()).isEqualTo(subscription.key());
        assertThat(failure.url()).isEqualTo(subscription.webhook().url());
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.lastStatus()).isEqualTo(400);
        assertThat(failure.lastError()).isEqualTo("HTTP 400: unknown desk");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.failedAt()).isAfterOrEqualTo(failure.firstAttempt());
        // the dead letter is written once delivery gave up: no attempt can follow it
        assertThat(receiver.arrivals(path(subscriber))).hasSize(1);
    }

    @Test
    void aWebhookThatKeepsFailingIsDeadLetteredAfterExactlyMaxAttempts() throws Exception {
        String subscriber = subscriber();
        receiver.fallback(path(subscriber), () -> WebhookReceiver.status(503, "down for maintenance"));
        Alert alert = publish(subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET)), "a-1");

        WebhookFailure failure = deadLetter(subscriber);

        assertThat(failure.alert()).isEqualTo(alert);
        assertThat(failure.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failure.lastStatus()).isEqualTo(503);
        assertThat(failure.lastError()).isEqualTo("HTTP 503: down for maintenance");
        assertThat(failure.retryable()).isTrue();
        assertThat(receiver.arrivals(path(subscriber))).extracting(Received::attempt).containsExactly(1, 2, 3, 4);
    }

    @Test
    void afterAnAlertUsedUpItsAttemptsTheNextOnesGetOneEachUntilTheWebhookDeliversAgain() throws Exception {
        String subscriber = subscriber();
        receiver.fallback(path(subscriber), () -> WebhookReceiver.status(503, "down for maintenance"));
        Subscription subscription = subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET));
        List<Alert> whileDown = List.of(publish(subscription, "a-1"), publish(subscription, "a-2"),
                publish(subscription, "a-3"));

        List<WebhookFailure> failures = SharedKafka.consume(Topics.ALERTS_WEBHOOK_DEAD_LETTER,
                r -> subscriber.equals(r.key()), 3, WAIT).stream().map(ConsumerRecord::value).toList();

        assertThat(failures).extracting(WebhookFailure::alert).containsExactlyElementsOf(whileDown);
        assertThat(failures).extracting(WebhookFailure::attempts).containsExactly(MAX_ATTEMPTS, 1, 1);
        assertThat(receiver.arrivals(path(subscriber))).extracting(Received::attempt).containsExactly(1, 2, 3, 4, 1, 1);

        // up again: the first alert that gets through brings retries back
        receiver.fallback(path(subscriber), () -> WebhookReceiver.status(200));
        Alert recovered = publish(subscription, "a-4");
        receiver.await(path(subscriber), 7, WAIT);
        receiver.script(path(subscriber), () -> WebhookReceiver.status(500));
        Alert retried = publish(subscription, "a-5");

        List<Received> received = receiver.await(path(subscriber), 9, WAIT);
        assertThat(received.subList(6, 9)).extracting(Received::alertId, Received::attempt).containsExactly(
                tuple(recovered.id(), 1), tuple(retried.id(), 1), tuple(retried.id(), 2));
    }

    @Test
    void aSlowWebhookDelaysOnlyItsOwnSubscriber() throws Exception {
        String slow = subscriber();
        String fast = subscriber();
        AtomicBoolean fastArrivedWhileSlowAnswered = new AtomicBoolean();
        // the slow receiver answers its first POST only once the fast one has had its alert (or after 10 s)
        receiver.script(path(slow), () -> {
            try {
                receiver.await(path(fast), 1, Duration.ofSeconds(10));
                fastArrivedWhileSlowAnswered.set(true);
            } catch (AssertionError | InterruptedException e) {
                fastArrivedWhileSlowAnswered.set(false);
            }
            return WebhookReceiver.status(200);
        });
        Subscription slowSubscription = subscribe(slow, "desk", webhook(slow, NEW_SECRET));
        Subscription fastSubscription = subscribe(fast, "desk", webhook(fast, NEW_SECRET));
        Alert slow1 = publish(slowSubscription, "s-1");
        Alert slow2 = publish(slowSubscription, "s-2");
        receiver.await(path(slow), 1, WAIT);
        Alert fast1 = publish(fastSubscription, "f-1");

        receiver.await(path(slow), 2, WAIT);

        assertThat(fastArrivedWhileSlowAnswered).as("the fast subscriber's alert arrived while the slow one's was being answered").isTrue();
        assertThat(receiver.arrivals().stream().filter(r -> r.path().equals(path(slow)) || r.path().equals(path(fast))))
                .extracting(Received::alertId)
                .containsExactly(slow1.id(), fast1.id(), slow2.id());
    }

    @Test
    void oneSubscribersAlertsArriveInTheirOrderEvenAcrossRetries() throws Exception {
        String subscriber = subscriber();
        receiver.script(path(subscriber), () -> WebhookReceiver.status(200), () -> WebhookReceiver.status(500));
        Subscription subscription = subscribe(subscriber, "desk", webhook(subscriber, NEW_SECRET));
        List<Alert> alerts = List.of(publish(subscription, "a-1"), publish(subscription, "a-2"),
                publish(subscription, "a-3"), publish(subscription, "a-4"));

        List<Received> received = receiver.await(path(subscriber), 5, WAIT);

        assertThat(received).extracting(Received::alertId).containsExactly(alerts.get(0).id(), alerts.get(1).id(),
                alerts.get(1).id(), alerts.get(2).id(), alerts.get(3).id());
        assertThat(received).extracting(Received::attempt).containsExactly(1, 1, 2, 1, 1);
    }

    @Test
    void alertsOfSubscriptionsWithoutAWebhookOrUnsubscribedAreSkippedAndCounted() throws Exception {
        String subscriber = subscriber();
        Subscription topicOnly = subscribe(subscriber, "topic-only", null);
        Subscription withHook = subscribe(subscriber, "hooked", webhook(subscriber, NEW_SECRET));
        Subscription unsubscribed = subscribe(subscriber, "gone", webhook(subscriber, NEW_SECRET));
        producer.send(Topics.ALERTS_SUBSCRIPTIONS, unsubscribed.key(), null, EVENT_TIME, null);
        double noWebhookBefore = skipped("no-webhook");
        double unsubscribedBefore = skipped("unsubscribed");

        publish(topicOnly, "a-1");
        publish(unsubscribed, "a-2");
        Alert delivered = publish(withHook, "a-3");

        // one subscriber's alerts are handled in their order: a-3 arriving means a-1 and a-2 were decided
        assertThat(receiver.await(path(subscriber), 1, WAIT)).extracting(Received::alertId).containsExactly(delivered.id());
        assertThat(skipped("no-webhook") - noWebhookBefore).isEqualTo(1.0);
        assertThat(skipped("unsubscribed") - unsubscribedBefore).isEqualTo(1.0);
    }

    @Test
    void aPrivateTargetIsRefusedAndDeadLetteredWithoutAnyAttempt() throws Exception {
        String subscriber = subscriber();
        String loopback = "https://127.0.0.1:" + server.getPort() + path(subscriber);
        TopicNamespace topics = sandbox();
        Subscription subscription = subscribe(topics, subscriber, "desk", new Webhook(loopback, List.of(NEW_SECRET)));
        WebhookSettings strict = testSettings().withTopics(topics).withAllowPrivateTargets(false);
        try (WebhookDelivery production = new WebhookDelivery(SharedKafka.bootstrapServers(), strict, Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            production.start();
            Alert alert = publish(topics, subscription, "a-1");

            WebhookFailure failure = deadLetter(topics, subscriber);

            assertThat(failure.alert()).isEqualTo(alert);
            assertThat(failure.attempts()).isZero();
            assertThat(failure.lastStatus()).isNull();
            assertThat(failure.lastError()).isEqualTo("webhook host 127.0.0.1 resolves to 127.0.0.1, a loopback address: "
                    + "webhooks only go to public addresses");
            assertThat(failure.retryable()).isFalse();
            assertThat(receiver.arrivals(path(subscriber))).isEmpty();
        }
    }

    @Test
    void aRestartDeliversWhatWasNotFinishedAndNotWhatWas() throws Exception {
        String subscriber = subscriber();
        TopicNamespace topics = sandbox();
        Subscription subscription = subscribe(topics, subscriber, "desk", webhook(subscriber, NEW_SECRET));
        WebhookSettings settings = testSettings().withTopics(topics)
                .withRetries(50, Duration.ofMillis(50), Duration.ofMillis(200));
        receiver.script(path(subscriber), () -> WebhookReceiver.status(200));
        receiver.fallback(path(subscriber), () -> WebhookReceiver.status(500));
        Alert first;
        Alert second;
        try (WebhookDelivery before = new WebhookDelivery(SharedKafka.bootstrapServers(), settings, Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            before.start();
            first = publish(topics, subscription, "a-1");
            second = publish(topics, subscription, "a-2");
            receiver.await(path(subscriber), 3, WAIT); // a-1 delivered, a-2 failed twice
        }
        int postsBeforeRestart = receiver.arrivals(path(subscriber)).size();
        receiver.fallback(path(subscriber), () -> WebhookReceiver.status(200));

        try (WebhookDelivery after = new WebhookDelivery(SharedKafka.bootstrapServers(), settings, Clock.systemUTC(),
                new SimpleMeterRegistry())) {
            after.start();
            List<Received> received = receiver.await(path(subscriber), postsBeforeRestart + 1, WAIT);

            assertThat(received.get(0).alertId()).isEqualTo(first.id());
            assertThat(received.subList(1, received.size())).extracting(Received::alertId).containsOnly(second.id());
            // a fresh start of the unfinished alert: attempts count from 1 again
            assertThat(received.get(received.size() - 1).attempt()).isEqualTo(1);
        }
    }

    private static String subscriber() {
        return "wh-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String path(String subscriber) {
        return "/hook/" + subscriber;
    }

    private static Webhook webhook(String subscriber, String... secrets) {
        return new Webhook(server.url(path(subscriber)).toString(), List.of(secrets));
    }

    private static Subscription subscribe(String subscriber, String id, Webhook webhook) {
        return subscribe(TopicNamespace.PRODUCTION, subscriber, id, webhook);
    }

    private static Subscription subscribe(TopicNamespace topics, String subscriber, String id, Webhook webhook) {
        Subscription subscription = new Subscription(Subscription.VERSION, id, subscriber,
                new Condition.SignalFired("rebound", null), null, Alert.Severity.WARNING, null, null, webhook, EVENT_TIME);
        producer.send(topics.of(Topics.ALERTS_SUBSCRIPTIONS), subscription.key(), subscription, EVENT_TIME, null);
        producer.flush();
        return subscription;
    }

    private static Alert publish(Subscription subscription, String id) {
        return publish(TopicNamespace.PRODUCTION, subscription, id);
    }

    private static Alert publish(TopicNamespace topics, Subscription subscription, String id) {
        Alert alert = new Alert(Alert.VERSION, subscription.key() + "/" + id, "signal:rebound", subscription.subscriber(),
                subscription.key(), Alert.Severity.WARNING, "coinbase:BTC-USD", "BTC-USD rebounded 4.2 % from 61,200",
                EVENT_TIME, EVENT_TIME.plusSeconds(1), Map.of("price", "63770.40", "strength", "0.82"));
        producer.send(topics.of(Topics.ALERTS), alert.subscriber(), alert, alert.eventTime(), null);
        producer.flush();
        return alert;
    }

    private static WebhookFailure deadLetter(String subscriber) {
        return deadLetter(TopicNamespace.PRODUCTION, subscriber);
    }

    private static WebhookFailure deadLetter(TopicNamespace topics, String subscriber) {
        List<ConsumerRecord<String, WebhookFailure>> records = SharedKafka.consume(
                topics.of(Topics.ALERTS_WEBHOOK_DEAD_LETTER), r -> subscriber.equals(r.key()), 1, WAIT);
        assertThat(records).hasSize(1);
        return records.get(0).value();
    }

    /** A namespace of this test's own, with the topics webhook delivery reads and writes. */
    private static TopicNamespace sandbox() {
        TopicNamespace topics = TopicNamespace.of("wh-" + UUID.randomUUID().toString().substring(0, 8));
        try (Admin admin = Admin.create(KafkaClients.admin(SharedKafka.bootstrapServers()))) {
            new TopicAdmin(admin).ensure(List.of(topics.of(Topics.ALERTS), topics.of(Topics.ALERTS_SUBSCRIPTIONS),
                    topics.of(Topics.ALERTS_WEBHOOK_DEAD_LETTER), topics.of(Topics.STREAMS_DEAD_LETTER)));
        }
        return topics;
    }

    private static double skipped(String reason) {
        return meters.get("webhooks.skipped").tag("reason", reason).counter().count();
    }
}
