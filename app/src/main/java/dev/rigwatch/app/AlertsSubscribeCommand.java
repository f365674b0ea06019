package dev.rigwatch.app;

import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.alerts.webhook.WebhookTargets;
import dev.rigwatch.events.Alert;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Condition.Direction;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import dev.rigwatch.events.alert.Webhook;
import java.math.BigDecimal;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rigwatch alerts subscribe}: validates one subscription (or a rules file's) and writes it to
 * {@code alerts.subscriptions}, where the running alerts stage picks it up for the events that follow.
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        header = "Add or replace a subscription (one condition on a scope), or those of a rules file.",
        description = {"Add or replace a subscription: one condition (--signal, --price-above, --price-below, --move,"
                + " --tightness-above, --tightness-below, or --feed-silent-for and/or --feed-failed-polls) on a scope, with optional throttles, expiry and webhook;"
                + " or every subscription of a rules file (--file).",
                "Example: rigwatch alerts subscribe --subscriber alice --id btc-100k --price-above 100000"
                        + " --hysteresis 0.5 --scope symbol:BTC-USD --cooldown 30m"})
final class AlertsSubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--file", paramLabel = "FILE",
            description = "Publish the subscriptions of this rules file (.yaml, .yml, .json) instead of the options.")
    Path file;

    @Option(names = "--subscriber", paramLabel = "NAME", description = "Who receives the alerts (key of the alerts topic).")
    String subscriber;

    @Option(names = "--id", paramLabel = "ID", description = "The subscription's name, unique per subscriber.")
    String id;

    @Option(names = "--signal", paramLabel = "NAME", description = "Alert when a signal fires: rebound, tightness or capitulation.")
    String signal;

    @Option(names = "--min-strength", paramLabel = "X",
            description = "With --signal rebound: the lowest strength (0.25-1); with --signal tightness: the index (default 70).")
    Double minStrength;

    @Option(names = "--price-above", paramLabel = "LEVEL", description = "Alert when the price crosses above LEVEL.")
    BigDecimal priceAbove;

    @Option(names = "--price-below", paramLabel = "LEVEL", description = "Alert when the price crosses below LEVEL.")
    BigDecimal priceBelow;

    @Option(names = "--move", paramLabel = "PCT", description = "Alert when the price moves PCT percent within --within.")
    Double movePct;

    @Option(names = "--direction", paramLabel = "up|down|any", defaultValue = "any", description = "With --move: which way.")
    String direction;

    @Option(names = "--within", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --move: the trailing window, e.g. 1h.")
    Duration within;

    @Option(names = "--feed-silent-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Alert when an exchange's symbol has had no good tick for DURATION (ingest's gaps), and when"
                    + " it recovers.")
    Duration feedSilentFor;

    @Option(names = "--feed-failed-polls", paramLabel = "N",
            description = "Alert when an exchange's symbol's last N polls failed (with --feed-silent-for: either), and"
                    + " when it recovers.")
    Integer feedFailedPolls;

    @Option(names = "--tightness-above", paramLabel = "LEVEL", description = "Alert when the tightness index rises above LEVEL (0-100).")
    Double tightnessAbove;

    @Option(names = "--tightness-below", paramLabel = "LEVEL", description = "Alert when the tightness index falls below LEVEL (0-100).")
    Double tightnessBelow;

    @Option(names = "--hysteresis", paramLabel = "PCT|POINTS", defaultValue = "0",
            description = "How far back across the level a crossing must go before it fires again: percent of the"
                    + " level for prices, index points for tightness.")
    double hysteresis;

    @Option(names = "--scope", paramLabel = "SCOPE", defaultValue = "all",
            description = "all, symbol:X, exchange:X, model:X or family:X.")
    String scope;

    @Option(names = "--severity", paramLabel = "LEVEL", defaultValue = "warning", description = "info, warning or critical.")
    String severity;

    @Option(names = "--cooldown", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "After an alert for a subject, none for that subject for this long (event time).")
    Duration cooldown;

    @Option(names = "--once-per", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "At most one alert per subject per UTC-aligned window of this size.")
    Duration oncePer;

    @Option(names = "--max-per-day", paramLabel = "N", description = "At most N alerts per UTC day over all subjects.")
    Integer maxPerDay;

    @Option(names = "--expires", paramLabel = "TIME", converter = InstantConverter.class,
            description = "From this event time on the subscription no longer fires.")
    Instant expires;

    @Option(names = "--webhook", paramLabel = "URL", description = "Also POST each alert to this https URL.")
    String webhook;

    @Option(names = "--webhook-secret", paramLabel = "SECRET",
            description = "Signing secret (16+ characters); give two during a rotation, newest first.")
    List<String> webhookSecrets;

    @Option(names = "--allow-private-webhook",
            description = "Let the webhook point at a private address or use plain http (local testing only).")
    boolean allowPrivateWebhook;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        List<Subscription> subscriptions = file != null ? fromFile() : List.of(fromOptions(now));
        for (Subscription subscription : subscriptions) {
            if (subscription.webhook() != null) {
                requireWebhookTarget(subscription.key(), subscription.webhook().url());
            }
        }
        SubscriptionsTopic topic = new SubscriptionsTopic(kafka.bootstrapServers, TopicNamespace.PRODUCTION);
        topic.publish(subscriptions, now);
        for (Subscription subscription : subscriptions) {
            System.out.println("subscribed " + AlertsListCommand.describe(subscription, now));
        }
        return 0;
    }

    private List<Subscription> fromFile() {
        if (subscriber != null || id != null || conditionOptions() > 0 || webhook != null) {
            throw usage("--file takes every subscription from the file: give no other subscription options");
        }
        return RulesFile.load(file);
    }

    private Subscription fromOptions(Instant now) {
        if (subscriber == null || id == null) {
            throw usage("give --subscriber and --id (or --file)");
        }
        if (conditionOptions() != 1) {
            throw usage("give exactly one condition: --signal, --price-above, --price-below, --move, --tightness-above,"
                    + " --tightness-below, or --feed-silent-for and/or --feed-failed-polls");
        }
        try {
            Webhook target = webhook == null ? null : new Webhook(webhook, webhookSecrets);
            if (webhook == null && webhookSecrets != null) {
                throw new IllegalArgumentException("--webhook-secret needs --webhook");
            }
            return new Subscription(Subscription.VERSION, id, subscriber, condition(), Scope.parse(scope),
                    named(Alert.Severity.class, severity, "--severity is info, warning or critical"),
                    new Throttle(cooldown, oncePer, maxPerDay), expires, target, now);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Condition condition() {
        if (signal != null) {
            return new Condition.SignalFired(signal.trim().toLowerCase(Locale.ROOT), minStrength);
        }
        if (minStrength != null) {
            throw new IllegalArgumentException("--min-strength goes with --signal");
        }
        if (priceAbove != null || priceBelow != null) {
            return new Condition.PriceCross(priceAbove != null ? Direction.UP : Direction.DOWN,
                    priceAbove != null ? priceAbove : priceBelow, hysteresis);
        }
        if (feedSilentFor != null || feedFailedPolls != null) {
            return new Condition.FeedHealth(feedSilentFor, feedFailedPolls);
        }
        if (movePct != null) {
            if (within == null) {
                throw new IllegalArgumentException("--move needs --within, the window it is measured over");
            }
            return new Condition.PriceMove(named(Direction.class, direction, "--direction is up, down or any"), movePct,
                    within);
        }
        return new Condition.TightnessLevel(tightnessAbove != null ? Direction.UP : Direction.DOWN,
                tightnessAbove != null ? tightnessAbove : tightnessBelow, hysteresis);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String text, String expected) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(expected + ", got " + text, e);
        }
    }

    private int conditionOptions() {
        int given = 0;
        Object feed = feedSilentFor != null || feedFailedPolls != null ? "feed" : null;
        for (Object option : new Object[] {signal, priceAbove, priceBelow, movePct, tightnessAbove, tightnessBelow, feed}) {
            given += option == null ? 0 : 1;
        }
        return given;
    }

    /**
     * Refuses a webhook URL rigwatch must not POST to: absolute http(s) only, and plain http or a private address
     * only with {@code --allow-private-webhook}.
     */
    /** The same check delivery makes before every POST, so a refused target is refused now, not at the first alert. */
    private void requireWebhookTarget(String key, String url) {
        try {
            WebhookTargets.validate(url, allowPrivateWebhook);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof UnknownHostException) {
                // a name not (yet) in DNS may be by the first alert: delivery checks it again before every POST
                System.err.println(key + ": note: " + e.getMessage() + " from here; delivery checks it again");
                return;
            }
            throw usage(key + ": webhook URL '" + url + "' refused: " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
