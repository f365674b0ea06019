package dev.rigwatch.alerts.webhook;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which subscriptions' webhooks are failing. After an alert used up every attempt, the subscription's next alerts
 * get one attempt each until one is delivered: a receiver that is down would otherwise hold each of its subscriber's
 * alerts for the whole retry schedule (minutes), and the alerts behind them would arrive late or not before a
 * restart. A failing webhook is logged once per streak of failures, not once per attempt. Thread-safe.
 */
final class FailingWebhooks {

    private static final Logger log = LoggerFactory.getLogger(FailingWebhooks.class);

    /** Failed attempts in a row per subscription. */
    private final Map<String, Integer> failureStreaks = new ConcurrentHashMap<>();
    /** Subscriptions whose webhook failed an alert's every attempt and has not delivered since: no retries. */
    private final Set<String> failingFast = ConcurrentHashMap.newKeySet();
    private final String deadLetterTopic;

    FailingWebhooks(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    /** The attempt was delivered: the subscription's streak, if any, is over. */
    void delivered(String subscription) {
        failingFast.remove(subscription);
        Integer failures = failureStreaks.remove(subscription);
        if (failures != null) {
            log.info("Webhook of subscription {} delivers again, after {} failed attempts", subscription, failures);
        }
    }

    /** The delivery's last attempt failed; logs the first failure of a streak, the rest are counted elsewhere. */
    void failed(AlertDelivery delivery) {
        if (failureStreaks.merge(delivery.subscription(), 1, Integer::sum) == 1) {
            log.warn("Webhook of subscription {} at {} failed: {} (alert {}, attempt {}); further failures until it "
                            + "delivers again are not logged", delivery.subscription(), delivery.webhook.url(),
                    delivery.last.error(), delivery.alert.id(), delivery.attempts);
        }
    }

    /** The delivery used up its attempts: its subscription's next alerts get one each until one is delivered. */
    void exhausted(AlertDelivery delivery) {
        failingFast.add(delivery.subscription());
        log.warn("Webhook of subscription {} failed all {} attempts of alert {} ({}); until it delivers again, each "
                        + "further alert gets one attempt and goes to {} if that fails", delivery.subscription(),
                delivery.attempts, delivery.alert.id(), delivery.last.error(), deadLetterTopic);
    }

    /** Whether a failed attempt of this subscription's alert is final. */
    boolean failingFast(String subscription) {
        return failingFast.contains(subscription);
    }
}
