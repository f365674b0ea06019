package dev.rigwatch.alerts;

import static dev.rigwatch.alerts.AlertsDriver.at;
import static dev.rigwatch.alerts.AlertsDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code feed-health} condition on ingest's gap reports, through the alerts topology. */
class FeedHealthAlertsTest {

    private static final String KRAKEN_BTC = "kraken:BTC-USD";
    private static final Condition FIVE_MINUTES = new Condition.FeedHealth(Duration.ofMinutes(5), null);

    @TempDir
    Path stateDir;
    private AlertsDriver alerts;

    @BeforeEach
    void startDriver() {
        alerts = new AlertsDriver(stateDir);
    }

    @AfterEach
    void closeDriver() {
        alerts.close();
    }

    /** Ingest's reports of one outage: opened at 12:01 after a minute's silence, reported every minute to 12:06. */
    private void outageReports(String instrument, int minutes, int failedPollsPerMinute) {
        for (int m = 1; m <= minutes; m++) {
            alerts.gap(instrument, SourceGap.Status.OPEN, at("12:01"), at(String.format("12:%02d", m)),
                    Duration.ofMinutes(m), m * failedPollsPerMinute, null);
        }
    }

    @Test
    void aFeedSilentForTheDurationAlertsOnceAndAgainWhenItRecovers() {
        alerts.subscribe(subscription("ops", "feeds", FIVE_MINUTES, Scope.ALL, Throttle.NONE));

        outageReports(KRAKEN_BTC, 7, 12);
        alerts.gap(KRAKEN_BTC, SourceGap.Status.CLOSED, at("12:01"), at("12:07"),
                Duration.ofSeconds(7 * 60 + 12), 86, 7);

        assertThat(alerts.fired()).extracting(Alert::id, Alert::rule, Alert::severity, Alert::eventTime, Alert::message)
                .containsExactly(
                        tuple("ops/feeds:kraken:BTC-USD:2026-11-25T12:05:00Z", "feed-health", Alert.Severity.WARNING,
                                at("12:05"), "kraken:BTC-USD feed unhealthy: no good tick for 5m, 60 polls failed in a "
                                        + "row (last: http-5xx)"),
                        tuple("ops/feeds:kraken:BTC-USD:2026-11-25T12:07:00Z", "feed-health", Alert.Severity.INFO,
                                at("12:07"), "kraken:BTC-USD feed recovered after 7m12s without a good tick; the gap "
                                        + "was filled with 7 candles"));
    }

    @Test
    void failedPollsAloneOrEitherThresholdFiresAtTheFirstReportThatReachesIt() {
        alerts.subscribe(subscription("ops", "polls", new Condition.FeedHealth(null, 30), Scope.ALL, Throttle.NONE));
        alerts.subscribe(subscription("ops", "either", new Condition.FeedHealth(Duration.ofMinutes(10), 50),
                Scope.ALL, Throttle.NONE));
        alerts.subscribe(subscription("ops", "any-gap", new Condition.FeedHealth(null, null), Scope.ALL,
                Throttle.NONE));

        outageReports(KRAKEN_BTC, 6, 12);

        assertThat(alerts.fired()).extracting(Alert::subscription, Alert::eventTime).containsExactlyInAnyOrder(
                tuple("ops/any-gap", at("12:01")), tuple("ops/polls", at("12:03")), tuple("ops/either", at("12:05")));
    }

    @Test
    void aGapThatClosesBeforeItWasLongEnoughAlertsNothingAndTheNextOutageAlertsAgain() {
        alerts.subscribe(subscription("ops", "feeds", FIVE_MINUTES, Scope.ALL, Throttle.NONE));
        outageReports(KRAKEN_BTC, 2, 1);
        alerts.gap(KRAKEN_BTC, SourceGap.Status.CLOSED, at("12:01"), at("12:03"), Duration.ofMinutes(3), 3, 3);
        assertThat(alerts.fired()).isEmpty();

        for (int m = 1; m <= 5; m++) {
            alerts.gap(KRAKEN_BTC, SourceGap.Status.OPEN, at("13:01"), at(String.format("13:%02d", m)),
                    Duration.ofMinutes(m), m, null);
        }
        alerts.gap(KRAKEN_BTC, SourceGap.Status.CLOSED, at("13:01"), at("13:06"), Duration.ofMinutes(6), 6, 6);
        for (int m = 1; m <= 5; m++) {
            alerts.gap(KRAKEN_BTC, SourceGap.Status.OPEN, at("14:01"), at(String.format("14:%02d", m)),
                    Duration.ofMinutes(m), m, null);
        }
        assertThat(alerts.fired()).extracting(Alert::severity, Alert::eventTime).containsExactly(
                tuple(Alert.Severity.WARNING, at("13:05")), tuple(Alert.Severity.INFO, at("13:06")),
                tuple(Alert.Severity.WARNING, at("14:05")));
    }

    @Test
    void theRecoveryIsNeverHeldBackByTheThrottleAndTheScopeNamesExchanges() {
        alerts.subscribe(new Subscription(Subscription.VERSION, "kraken-feeds", "ops", FIVE_MINUTES,
                Scope.parse("exchange:kraken"), Alert.Severity.CRITICAL, new Throttle(Duration.ofHours(1), null, null),
                null, null, AlertsDriver.CREATED));
        outageReports("coinbase:BTC-USD", 6, 1);
        outageReports(KRAKEN_BTC, 6, 1);
        alerts.gap(KRAKEN_BTC, SourceGap.Status.CLOSED, at("12:01"), at("12:07"), Duration.ofMinutes(7), 7, null);

        assertThat(alerts.fired()).extracting(Alert::subject, Alert::severity, Alert::message).containsExactly(
                tuple(KRAKEN_BTC, Alert.Severity.CRITICAL, "kraken:BTC-USD feed unhealthy: no good tick for 5m, 5 polls "
                        + "failed in a row (last: http-5xx)"),
                tuple(KRAKEN_BTC, Alert.Severity.INFO, "kraken:BTC-USD feed recovered after 7m without a good tick"));
    }

    @Test
    void theConditionRefusesThresholdsThatCannotBeReached() {
        assertThatThrownBy(() -> new Condition.FeedHealth(Duration.ZERO, null))
                .hasMessage("silentFor must be positive, got PT0S");
        assertThatThrownBy(() -> new Condition.FeedHealth(null, 0)).hasMessage("failedPolls must be at least 1, got 0");
    }
}
