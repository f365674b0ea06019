package dev.rigwatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SubscriberQueuesTest {

    private final List<Runnable> submitted = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final SubscriberQueues queues = new SubscriberQueues(submitted::add, d -> ran.add(d.alert.id()),
            d -> rejected.add(d.alert.id()));

    @Test
    void aSubscribersNextAlertRunsOnlyOnceTheOneBeforeItIsDone() {
        AlertDelivery first = delivery("alice", "a1");
        AlertDelivery second = delivery("alice", "a2");
        queues.enqueue(first);
        queues.enqueue(second);
        runSubmitted();
        assertThat(ran).containsExactly("a1");

        queues.done(first);
        runSubmitted();
        assertThat(ran).containsExactly("a1", "a2");

        queues.done(second);
        runSubmitted();
        assertThat(ran).containsExactly("a1", "a2");
    }

    @Test
    void differentSubscribersRunSideBySide() {
        queues.enqueue(delivery("alice", "a1"));
        queues.enqueue(delivery("bob", "b1"));
        queues.enqueue(delivery("alice", "a2"));
        runSubmitted();
        assertThat(ran).containsExactly("a1", "b1");
    }

    @Test
    void aDeliveryThePoolRefusesIsHandedBack() {
        SubscriberQueues closed = new SubscriberQueues(task -> {
            throw new RejectedExecutionException("shut down");
        }, d -> ran.add(d.alert.id()), d -> rejected.add(d.alert.id()));
        closed.enqueue(delivery("alice", "a1"));
        assertThat(ran).isEmpty();
        assertThat(rejected).containsExactly("a1");
    }

    private void runSubmitted() {
        List<Runnable> tasks = List.copyOf(submitted);
        submitted.clear();
        tasks.forEach(Runnable::run);
    }

    static AlertDelivery delivery(String subscriber, String id) {
        Alert alert = new Alert(Alert.VERSION, id, "signal:rebound", subscriber, subscriber + "/rebound",
                Alert.Severity.INFO, "BTC-USD", "rebound", Instant.EPOCH, Instant.EPOCH, Map.of());
        return new AlertDelivery(alert, new byte[0], new PartitionProgress(0), 0);
    }
}
