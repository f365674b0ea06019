package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Webhook;
import dev.rigwatch.events.alert.WebhookFailure;
import dev.rigwatch.events.kafka.KafkaClients;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs alerts to their subscriptions' webhooks: a consumer group of its own on {@code alerts} (read_committed),
 * the webhooks from {@code alerts.subscriptions}, and a bounded pool of delivery threads.
 * <ul>
 *   <li><b>Order and isolation.</b> One subscriber's alerts are delivered one after the other, in topic order
 *       (a queue per subscriber); different subscribers' alerts are delivered side by side, so a slow or failing
 *       webhook delays only its own subscriber.</li>
 *   <li><b>Retries.</b> 5xx, 429, timeouts and connection errors are retried after an exponential, jittered
 *       backoff ({@link WebhookSettings#initialBackoff()} doubling up to {@link WebhookSettings#maxBackoff()}; a
 *       longer {@code Retry-After} is waited, up to that cap) until {@link WebhookSettings#maxAttempts()}; a retry
 *       waits on a timer, not on a delivery thread. Other statuses, redirects included, are final. Once an alert
 *       used up its attempts, the subscription's next alerts get one attempt each, without retries, until one is
 *       delivered: a receiver that is down costs each alert one request, not the whole retry schedule.</li>
 *   <li><b>Dead letters.</b> An alert that cannot be delivered (attempts exhausted, a final status, or a URL that
 *       {@link WebhookTargets} refuses) is written with its last error to {@code alerts.webhook-dead-letter}.</li>
 *   <li><b>At-least-once.</b> An alert's offset is committed only once it is delivered, dead-lettered or
 *       skipped, and every offset before it too; after a crash, a restart or a rebalance, alerts not yet
 *       committed are POSTed again, so a receiver may see an alert twice and de-duplicates by
 *       {@code Rigwatch-Alert-Id}. A new group starts at the end of {@code alerts} (no flood of old alerts) and
 *       commits that start at once.</li>
 *   <li><b>Backpressure.</b> With {@link WebhookSettings#maxInFlight()} alerts read but not finished, reading
 *       pauses until half of them are.</li>
 *   <li><b>Shutdown.</b> {@link #close()} stops reading, drops waiting retries, lets running attempts finish
 *       within {@link WebhookSettings#shutdownGrace()} and commits what is done.</li>
 * </ul>
 * Alerts whose subscription has no webhook (or no longer exists) are skipped and counted. Meters:
 * {@code webhooks.delivered}, {@code webhooks.retried}, {@code webhooks.dead_lettered}, {@code webhooks.skipped}
 * (tag {@code reason}), the timer {@code webhooks.latency} of each POST (tag {@code outcome}), and the gauges
 * {@code webhooks.in_flight} and {@code webhooks.retrying}.
 */
public final class WebhookDelivery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long the reader waits for subscriptions named by alerts it has just read to be known. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(10);
    /** Each backoff is drawn from ±50 % of the exponential value, so retries of many alerts spread out. */
    private static final double JITTER = 0.5;
    private static final int MAX_POLL_RECORDS = 500;

    /** Totals since start, for progress lines. */
    public record Stats(long delivered, long retried, long deadLettered, long skipped, int retrying, int inFlight) {
    }

    private final WebhookSettings settings;
    private final Clock clock;
    private final Topic<String, Alert> alerts;
    private final Topic<String, WebhookFailure> deadLetters;
    private final Topic<byte[], byte[]> unreadable;
    private final SubscriptionDirectory subscriptions;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final OkHttpClient http;
    private final WebhookClient client;
    private final IntervalFunction backoff;
    private final ExecutorService pool;
    private final ScheduledExecutorService timers;
    private final Thread reader;

    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter skippedNoWebhook;
    private final Counter skippedUnsubscribed;
    private final Counter skippedUnreadable;
    private final Map<WebhookClient.Kind, Timer> latency = new EnumMap<>(WebhookClient.Kind.class);

    /** Per subscriber: the delivery running (or waiting for its retry) and those queued behind it. */
    private final Map<String, ArrayDeque<Delivery>> queues = new HashMap<>();
    /** Alerts finished on the delivery threads, for the reader thread to mark committable. */
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retrying = new AtomicInteger();
    /** Attempts running plus dead letters not yet acknowledged: what shutdown waits for. */
    private final AtomicInteger busy = new AtomicInteger();
    private final Object idle = new Object();
    /** Failed attempts in a row per subscription, so a failing webhook is logged once per streak. */
    private final Map<String, Integer> failureStreaks = new ConcurrentHashMap<>();
    /** Subscriptions whose webhook failed an alert's every attempt and has not delivered since: no retries. */
    private final Set<String> failingFast = ConcurrentHashMap.newKeySet();
    private final CountDownLatch started = new CountDownLatch(1);
    /** Reader thread only. */
    private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
    private boolean paused;
    private long nextCommitNanos;

    private volatile boolean closing;
    private volatile Throwable failure;

    public WebhookDelivery(String bootstrap, WebhookSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.alerts = settings.topics().of(Topics.ALERTS);
        this.deadLetters = settings.topics().of(Topics.ALERTS_WEBHOOK_DEAD_LETTER);
        this.unreadable = settings.topics().of(Topics.STREAMS_DEAD_LETTER);
        this.delivered = Counter.builder("webhooks.delivered").description("Alerts POSTed and acknowledged with a 2xx")
                .register(meters);
        this.retried = Counter.builder("webhooks.retried").description("Failed attempts that are tried again")
                .register(meters);
        this.deadLettered = Counter.builder("webhooks.dead_lettered")
                .description("Alerts given up on, written to " + deadLetters.name()).register(meters);
        this.skippedNoWebhook = skipped(meters, "no-webhook");
        this.skippedUnsubscribed = skipped(meters, "unsubscribed");
        this.skippedUnreadable = skipped(meters, "unreadable");
        for (WebhookClient.Kind kind : List.of(WebhookClient.Kind.DELIVERED, WebhookClient.Kind.RETRYABLE,
                WebhookClient.Kind.REJECTED)) {
            latency.put(kind, Timer.builder("webhooks.latency").description("Duration of one webhook POST")
                    .tag("outcome", kind.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        meters.gauge("webhooks.in_flight", inFlight);
        meters.gauge("webhooks.retrying", retrying);

        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, JITTER,
                settings.maxBackoff());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // a redirect could lead to an address WebhookTargets refuses; and retries are ours to count
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .dns(WebhookTargets.dns(settings.allowPrivateTargets()))
                .build();
        this.client = new WebhookClient(http, clock, settings.allowPrivateTargets());
        this.subscriptions = new SubscriptionDirectory(bootstrap, settings.topics().of(Topics.ALERTS_SUBSCRIPTIONS),
                settings.groupId() + "-subscriptions", skippedUnreadable::increment, this::fail);
        this.consumer = new KafkaConsumer<>(KafkaClients.consumer(bootstrap, settings.groupId(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, settings.maxInFlight()),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-alerts")));
        this.producer = new KafkaProducer<>(KafkaClients.producer(bootstrap, settings.groupId() + "-dead-letters"));
        this.pool = Executors.newFixedThreadPool(settings.concurrency(), threads("rigwatch-webhook-"));
        this.timers = Executors.newSingleThreadScheduledExecutor(threads("rigwatch-webhook-retries-"));
        this.reader = new Thread(this::read, "rigwatch-webhook-reader");
        reader.setDaemon(true);
    }

    /**
     * Reads the subscriptions, joins the group and returns once this instance has its partitions (and their start
     * offsets), so alerts written from now on are delivered.
     */
    public void start() {
        subscriptions.start(START_TIMEOUT);
        reader.start();
        try {
            if (!started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no partitions of " + alerts.name() + " were assigned to group "
                        + settings.groupId() + " within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting webhook delivery", e);
        }
        if (failure != null) {
            throw new IllegalStateException("webhook delivery failed to start: " + failure.getMessage(), failure);
        }
    }

    public Stats stats() {
        return new Stats((long) delivered.count(), (long) retried.count(), (long) deadLettered.count(),
                (long) (skippedNoWebhook.count() + skippedUnsubscribed.count() + skippedUnreadable.count()),
                retrying.get(), inFlight.get());
    }

    /** Why delivery stopped by itself (the cluster refused a dead letter or a commit), if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    // ---- the reader thread: alerts in, offsets out ----

    private void read() {
        try {
            consumer.subscribe(List.of(alerts.name()), new Rebalance());
            while (!closing && failure == null) {
                markFinished();
                if (System.nanoTime() >= nextCommitNanos) {
                    commit(partitions.keySet(), false);
                    nextCommitNanos = System.nanoTime() + settings.commitInterval().toNanos();
                }
                applyBackpressure();
                accept(consumer.poll(POLL));
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            try {
                drain();
            } catch (RuntimeException e) {
                log.warn("Committing the finished webhook deliveries at shutdown failed; they are delivered again at the next start", e);
            }
            consumer.close(Duration.ofSeconds(5));
            started.countDown();
        }
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Read> reads = new ArrayList<>(records.count());
        boolean unknownSubscription = false;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Read read = Read.of(alerts, record);
            reads.add(read);
            unknownSubscription |= read.alert() != null && read.alert().subscription() != null
                    && subscriptions.get(read.alert().subscription()) == null;
        }
        // the subscription is written before its alerts: an unknown one may just not be read yet
        if (unknownSubscription && !subscriptions.awaitCurrent(CATCH_UP_TIMEOUT)) {
            log.warn("Subscriptions are not read up to date within {}: alerts of subscriptions not yet seen are skipped",
                    CATCH_UP_TIMEOUT);
        }
        for (Read read : reads) {
            ConsumerRecord<byte[], byte[]> record = read.record();
            PartitionProgress partition = partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (read.error() != null) {
                sendUnreadable(partition, record, read.error());
                continue;
            }
            Alert alert = read.alert();
            Subscription subscription = alert.subscription() == null ? null : subscriptions.get(alert.subscription());
            if (subscription == null || subscription.webhook() == null) {
                (subscription == null && alert.subscription() != null ? skippedUnsubscribed : skippedNoWebhook).increment();
                partition.next = record.offset() + 1;
                continue;
            }
            partition.pending.add(record.offset());
            partition.next = record.offset() + 1;
            inFlight.incrementAndGet();
            enqueue(new Delivery(alert, WebhookPayload.body(alert), partition, record.offset()));
        }
    }

    /** An alert that does not decode goes, raw, to the stages' dead letter topic with where it came from. */
    private void sendUnreadable(PartitionProgress partition, ConsumerRecord<byte[], byte[]> record, SerializationException error) {
        log.warn("Skipping unreadable alert {}-{}@{}, written to {}", record.topic(), record.partition(), record.offset(),
                unreadable.name(), error);
        skippedUnreadable.increment();
        partition.pending.add(record.offset());
        partition.next = record.offset() + 1;
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(unreadable.name(), null, record.timestamp(),
                record.key(), record.value());
        // the header names Kafka Streams gives its dead letters, so one tool reads both
        dead.headers().add("__streams.errors.topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.exception", error.getClass().getName().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("__streams.errors.message", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
        long offset = record.offset();
        sendTracked(dead, () -> finished.add(new Finished(partition, offset)),
                "the unreadable alert " + record.topic() + "-" + record.partition() + "@" + offset);
    }

    private void markFinished() {
        for (Finished done; (done = finished.poll()) != null; ) {
            if (!done.partition().revoked) {
                done.partition().pending.remove(done.offset());
            }
        }
    }

    private void commit(Collection<TopicPartition> which, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
        for (TopicPartition topicPartition : which) {
            PartitionProgress partition = partitions.get(topicPartition);
            if (partition != null && partition.committable() > partition.committed) {
                offsets.put(topicPartition, new OffsetAndMetadata(partition.committable()));
                progress.put(topicPartition, partition);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            offsets.forEach((tp, offset) -> progress.get(tp).committed = offset.offset());
        } else {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e != null) {
                    log.warn("Committing webhook progress failed, tried again at the next commit: {}", e.toString());
                } else {
                    done.forEach((tp, offset) -> progress.get(tp).committed = offset.offset());
                }
            });
        }
    }

    private void applyBackpressure() {
        int running = inFlight.get();
        if (!paused && running >= settings.maxInFlight()) {
            paused = true;
            log.debug("{} alerts in flight: pausing {}", running, alerts.name());
        } else if (paused && running <= settings.maxInFlight() / 2) {
            paused = false;
            consumer.resume(consumer.paused());
            log.debug("{} alerts in flight: resuming {}", running, alerts.name());
        }
        if (paused) {
            consumer.pause(consumer.assignment()); // again each time: a rebalance may have added partitions
        }
    }

    /** Stops reading; running attempts get the grace period; what is finished is committed. */
    private void drain() {
        timers.shutdownNow(); // waiting retries are dropped: not committed, so the next start delivers them
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        synchronized (idle) {
            long left;
            while (busy.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (busy.get() > 0) {
            log.warn("{} webhook attempts still running after the {} grace: their alerts are delivered again at the next start",
                    busy.get(), settings.shutdownGrace());
        }
        markFinished();
        commit(partitions.keySet(), true);
        partitions.values().forEach(partition -> partition.revoked = true);
        partitions.clear();
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
            Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
            for (TopicPartition topicPartition : assigned) {
                long position = consumer.position(topicPartition);
                partitions.put(topicPartition, new PartitionProgress(position));
                if (committed.get(topicPartition) == null) {
                    starts.put(topicPartition, new OffsetAndMetadata(position));
                }
            }
            // a new group starts at the end; committing that start means alerts written while this process is
            // down later are delivered when it is back, not skipped by starting at the end again
            if (!starts.isEmpty()) {
                consumer.commitSync(starts);
                starts.forEach((tp, offset) -> partitions.get(tp).committed = offset.offset());
            }
            started.countDown();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            markFinished();
            commit(revoked, true);
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost);
        }

        /** Their queued deliveries are dropped: the partitions' new owner delivers them from the committed offset. */
        private void forget(Collection<TopicPartition> gone) {
            for (TopicPartition topicPartition : gone) {
                PartitionProgress partition = partitions.remove(topicPartition);
                if (partition != null) {
                    partition.revoked = true;
                }
            }
        }
    }

    // ---- the delivery threads ----

    private void enqueue(Delivery delivery) {
        synchronized (queues) {
            ArrayDeque<Delivery> queue = queues.computeIfAbsent(delivery.subscriber(), s -> new ArrayDeque<>());
            queue.add(delivery);
            if (queue.size() > 1) {
                return; // runs when the ones before it are done
            }
        }
        submit(delivery);
    }

    /** Removes the subscriber's finished head delivery and starts the next, if any. */
    private void startNext(Delivery done) {
        Delivery next;
        synchronized (queues) {
            ArrayDeque<Delivery> queue = queues.get(done.subscriber());
            queue.poll();
            next = queue.peek();
            if (next == null) {
                queues.remove(done.subscriber());
            }
        }
        if (next != null) {
            submit(next);
        }
    }

    private void submit(Delivery delivery) {
        try {
            pool.execute(() -> attempt(delivery));
        } catch (RejectedExecutionException e) {
            abandon(delivery); // closed
        }
    }

    private void attempt(Delivery delivery) {
        if (closing || delivery.partition.revoked) {
            abandon(delivery);
            return;
        }
        Subscription subscription = subscriptions.get(delivery.alert.subscription());
        if (subscription == null || subscription.webhook() == null) {
            skippedUnsubscribed.increment(); // unsubscribed, or the webhook removed, while it waited
            finish(delivery);
            return;
        }
        delivery.webhook = subscription.webhook(); // the latest: a rotated secret or a corrected URL applies now
        busy.incrementAndGet();
        try {
            if (delivery.firstAttempt == null) {
                delivery.firstAttempt = clock.instant();
            }
            long start = System.nanoTime();
            WebhookClient.Attempt attempt = client.post(delivery.alert, delivery.body, delivery.webhook, delivery.attempts + 1);
            delivery.last = attempt;
            if (attempt.kind() != WebhookClient.Kind.REFUSED) {
                delivery.attempts++;
                latency.get(attempt.kind()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            switch (attempt.kind()) {
                case DELIVERED -> {
                    delivered.increment();
                    failingFast.remove(delivery.subscription());
                    Integer failures = failureStreaks.remove(delivery.subscription());
                    if (failures != null) {
                        log.info("Webhook of subscription {} delivers again, after {} failed attempts",
                                delivery.subscription(), failures);
                    }
                    finish(delivery);
                }
                case RETRYABLE -> {
                    failed(delivery);
                    if (failingFast.contains(delivery.subscription())) {
                        deadLetter(delivery);
                    } else if (delivery.attempts >= settings.maxAttempts()) {
                        failFastFrom(delivery);
                        deadLetter(delivery);
                    } else {
                        retryLater(delivery);
                    }
                }
                case REJECTED, REFUSED -> {
                    failed(delivery);
                    deadLetter(delivery);
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            notBusy();
        }
    }

    private void retryLater(Delivery delivery) {
        retried.increment();
        Duration wait = retryDelay(backoff, delivery.attempts, delivery.last.retryAfter(), settings.maxBackoff());
        retrying.incrementAndGet();
        try {
            timers.schedule(() -> {
                retrying.decrementAndGet();
                submit(delivery);
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            retrying.decrementAndGet();
            abandon(delivery); // closing
        }
    }

    /**
     * The pause after {@code attemptsMade} failed attempts: the jittered exponential backoff, or the receiver's
     * {@code Retry-After} when that is longer, never more than {@code max}.
     */
    static Duration retryDelay(IntervalFunction backoff, int attemptsMade, Duration retryAfter, Duration max) {
        Duration wait = Duration.ofMillis(backoff.apply(attemptsMade));
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void deadLetter(Delivery delivery) {
        WebhookClient.Attempt last = delivery.last;
        WebhookFailure failure = new WebhookFailure(WebhookFailure.VERSION, delivery.alert, delivery.subscription(),
                delivery.webhook.url(), delivery.attempts, last.status(), last.error(),
                last.kind() == WebhookClient.Kind.RETRYABLE, delivery.firstAttempt, clock.instant());
        byte[] key = deadLetters.keySerde().serializer().serialize(deadLetters.name(), delivery.subscriber());
        byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), failure);
        sendTracked(new ProducerRecord<>(deadLetters.name(), null, failure.failedAt().toEpochMilli(), key, value), () -> {
            deadLettered.increment();
            finish(delivery);
        }, "the dead letter of alert " + delivery.alert.id());
    }

    /**
     * Sends and runs {@code then} once the record is stored; if it cannot be, delivery stops: its alert stays
     * uncommitted, so a restart handles it again rather than losing it.
     */
    private void sendTracked(ProducerRecord<byte[], byte[]> record, Runnable then, String what) {
        busy.incrementAndGet();
        Callback callback = (metadata, e) -> {
            try {
                if (e != null) {
                    fail(new IllegalStateException("could not write " + what + " to " + record.topic(), e));
                } else {
                    then.run();
                }
            } finally {
                notBusy();
            }
        };
        try {
            producer.send(record, callback);
        } catch (RuntimeException e) {
            callback.onCompletion(null, e);
        }
    }

    /**
     * After an alert used up every attempt, the subscription's next alerts get one attempt each until one is
     * delivered: a receiver that is down would otherwise hold each of its subscriber's alerts for the whole retry
     * schedule (minutes), and the alerts behind them would arrive late or not before a restart.
     */
    private void failFastFrom(Delivery delivery) {
        failingFast.add(delivery.subscription());
        log.warn("Webhook of subscription {} failed all {} attempts of alert {} ({}); until it delivers again, each "
                        + "further alert gets one attempt and goes to {} if that fails", delivery.subscription(),
                delivery.attempts, delivery.alert.id(), delivery.last.error(), deadLetters.name());
    }

    /** Logs the first failure of a streak; the rest are counted by the meters and the dead letters. */
    private void failed(Delivery delivery) {
        if (failureStreaks.merge(delivery.subscription(), 1, Integer::sum) == 1) {
            log.warn("Webhook of subscription {} at {} failed: {} (alert {}, attempt {}); further failures until it "
                            + "delivers again are not logged", delivery.subscription(), delivery.webhook.url(),
                    delivery.last.error(), delivery.alert.id(), delivery.attempts);
        }
    }

    private void finish(Delivery delivery) {
        finished.add(new Finished(delivery.partition, delivery.offset));
        inFlight.decrementAndGet();
        startNext(delivery);
    }

    /** Not finished and not to be committed: after shutdown or a rebalance, it is delivered from Kafka again. */
    private void abandon(Delivery delivery) {
        inFlight.decrementAndGet();
        startNext(delivery);
    }

    private void notBusy() {
        if (busy.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
            log.error("Webhook delivery stops: {}", e.getMessage(), e);
        }
        started.countDown();
    }

    @Override
    public void close() {
        closing = true;
        if (reader.isAlive()) {
            try {
                reader.join(settings.shutdownGrace().plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (started.getCount() > 0) {
            consumer.close(Duration.ofSeconds(5)); // never started
        }
        pool.shutdownNow();
        timers.shutdownNow();
        producer.close(Duration.ofSeconds(10));
        subscriptions.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Counter skipped(MeterRegistry meters, String reason) {
        return Counter.builder("webhooks.skipped").description("Alerts not POSTed").tag("reason", reason).register(meters);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Offsets of one assigned partition: read, not yet finished, committed. Reader thread only, but revoked. */
    private static final class PartitionProgress {
        final TreeSet<Long> pending = new TreeSet<>();
        long next;
        long committed = -1;
        volatile boolean revoked;

        PartitionProgress(long position) {
            this.next = position;
        }

        /** Everything before it is finished. */
        long committable() {
            return pending.isEmpty() ? next : pending.first();
        }
    }

    private record Finished(PartitionProgress partition, long offset) {
    }

    /** A record of {@code alerts}, decoded or not. */
    private record Read(ConsumerRecord<byte[], byte[]> record, Alert alert, SerializationException error) {
        static Read of(Topic<String, Alert> topic, ConsumerRecord<byte[], byte[]> record) {
            try {
                Alert alert = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                if (alert == null) {
                    return new Read(record, null, new SerializationException("an alert record without a value"));
                }
                return new Read(record, alert, null);
            } catch (SerializationException e) {
                return new Read(record, null, e);
            }
        }
    }

    /** One alert on its way to one webhook. Touched by one thread at a time (its subscriber's queue). */
    private static final class Delivery {
        final Alert alert;
        final byte[] body;
        final PartitionProgress partition;
        final long offset;
        Webhook webhook;
        int attempts;
        Instant firstAttempt;
        WebhookClient.Attempt last;

        Delivery(Alert alert, byte[] body, PartitionProgress partition, long offset) {
            this.alert = alert;
            this.body = body;
            this.partition = partition;
            this.offset = offset;
        }

        String subscriber() {
            return alert.subscriber();
        }

        String subscription() {
            return alert.subscription();
        }
    }
}
