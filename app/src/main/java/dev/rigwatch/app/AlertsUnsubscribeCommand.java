package dev.rigwatch.app;

import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.alert.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch alerts unsubscribe}: the tombstone that removes one subscription. */
@Command(name = "unsubscribe", mixinStandardHelpOptions = true,
        header = "Remove a subscription; its alerts stop with the next events.",
        description = "Remove a subscription: writes its tombstone to alerts.subscriptions; alerts stop with the next events.")
final class AlertsUnsubscribeCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--subscriber", required = true, paramLabel = "NAME", description = "Whose subscription.")
    String subscriber;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The subscription's id.")
    String id;

    @Override
    public Integer call() {
        String key = Subscription.key(subscriber, id);
        SubscriptionsTopic topic = new SubscriptionsTopic(kafka.bootstrapServers, TopicNamespace.PRODUCTION);
        boolean existed = topic.read(Duration.ofSeconds(30)).live().containsKey(key);
        // written either way: it also clears a record under that key that cannot be read
        topic.remove(key, Instant.now());
        System.out.println(existed ? "unsubscribed " + key
                : key + " was not subscribed; wrote its tombstone anyway");
        return 0;
    }
}
