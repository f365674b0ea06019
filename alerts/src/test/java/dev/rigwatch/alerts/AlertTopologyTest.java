package dev.rigwatch.alerts;

import static dev.rigwatch.alerts.AlertsDriver.CREATED;
import static dev.rigwatch.alerts.AlertsDriver.NOW;
import static dev.rigwatch.alerts.AlertsDriver.at;
import static dev.rigwatch.alerts.AlertsDriver.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.alert.Condition.Direction;
import dev.rigwatch.events.alert.Condition;
import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.events.alert.Throttle;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertTopologyTest {

    private static final Instant CONFIRMED = Instant.parse("2026-11-24T13:45:00Z");
    private static final Condition REBOUND = new Condition.SignalFired("rebound", null);
    private static final Condition BTC_ABOVE_100K =
            new Condition.PriceCross(Direction.UP, new BigDecimal("100000"), 0.5);

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

    @Test
    void theDefaultRulesGiveTheBroadcastSubscriberEveryReboundAtTheSignalsEventTime() {
        RulesFile.bundledDefaults().forEach(alerts::subscribe);
        alerts.rebound("coinbase:BTC-USD", CONFIRMED, 0.78);

        TestRecord<String, Alert> record = alerts.alerts.readRecord();
        assertThat(alerts.alerts.isEmpty()).isTrue();
        assertThat(record.key()).isEqualTo("all");
        assertThat(record.timestamp()).isEqualTo(CONFIRMED.toEpochMilli());
        Alert alert = record.value();
        assertThat(alert.v()).isEqualTo(Alert.VERSION);
        assertThat(alert.id()).isEqualTo("all/rebound:coinbase:BTC-USD:2026-11-24T13:45:00Z");
        assertThat(alert.rule()).isEqualTo("signal:rebound");
        assertThat(alert.subscriber()).isEqualTo("all");
        assertThat(alert.subscription()).isEqualTo("all/rebound");
        assertThat(alert.subject()).isEqualTo("coinbase:BTC-USD");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.eventTime()).isEqualTo(CONFIRMED);
        assertThat(alert.emittedTime()).isEqualTo(NOW);
        assertThat(alert.message()).isEqualTo("coinbase:BTC-USD rebounded +11.2% from 44,812.10 (after a 27.5% "
                + "drawdown from 61,820.00); now 49,830.05, held over 2 1m closes; strength 0.78");
        assertThat(alert.trigger())
                .containsEntry("subject", "coinbase:BTC-USD")
                .containsEntry("subjectType", "crypto")
                .containsEntry("interval", "PT1M")
                .containsEntry("trough", "44812.1")
                .containsEntry("troughTime", "2026-11-24T13:30:00Z")
                .containsEntry("price", "49830.049")
                .containsEntry("confirmedWindowStart", "2026-11-24T13:44:00Z")
                .containsEntry("drawdownPct", "27.5")
                .containsEntry("strength", "0.78")
                .containsEntry("thresholds.drawdownPct", "10.0")
                .containsEntry("thresholds.lookbackWindows", "90");
    }

    @Test
    void eachAlertWrittenIsCountedBySeverity() {
        alerts.subscribe(subscription("alice", "rebounds", REBOUND, Scope.ALL, Throttle.NONE));
        alerts.subscribe(new Subscription(Subscription.VERSION, "urgent", "bob", REBOUND, Scope.ALL,
                Alert.Severity.CRITICAL, Throttle.NONE, null, null, CREATED));
        alerts.rebound("coinbase:BTC-USD", at("12:00"), 0.8);
        alerts.rebound("kraken:ETH-USD", at("12:10"), 0.8);

        assertThat(alerts.fired()).extracting(Alert::severity).containsExactlyInAnyOrder(Alert.Severity.WARNING,
                Alert.Severity.WARNING, Alert.Severity.CRITICAL, Alert.Severity.CRITICAL);
        assertThat(alerts.alertsCounted(Alert.Severity.WARNING)).isEqualTo(2);
        assertThat(alerts.alertsCounted(Alert.Severity.CRITICAL)).isEqualTo(2);
        assertThat(alerts.alertsCounted(Alert.Severity.INFO)).isZero();
    }

    @Test
    void aReboundWeakerThanTheSubscriptionsMinimumStrengthDoesNotAlert() {
        alerts.subscribe(subscription("alice", "strong", new Condition.SignalFired("rebound", 0.5), Scope.ALL,
                Throttle.NONE));
        alerts.rebound("coinbase:BTC-USD", at("12:00"), 0.49);
        alerts.rebound("coinbase:BTC-USD", at("12:10"), 0.5);

        assertThat(alerts.fired()).extracting(Alert::id).containsExactly("alice/strong:coinbase:BTC-USD:2026-11-25T12:10:00Z");
    }

    @Test
    void aPriceFlickeringAroundTheLevelCrossesOnceAndReArmsOnlyOnceBackByTheHysteresisMargin() {
        alerts.subscribe(subscription("alice", "btc-100k", BTC_ABOVE_100K, Scope.parse("symbol:BTC-USD"), Throttle.NONE));
        // margin 0.5 % of 100,000 = 500: re-armed at 99,500 or below
        alerts.candle("coinbase:BTC-USD", at("12:01"), "99900");    // first value: below, armed
        alerts.candle("coinbase:BTC-USD", at("12:02"), "100010");   // crosses: fires
        alerts.candle("coinbase:BTC-USD", at("12:03"), "99990");
        alerts.candle("coinbase:BTC-USD", at("12:04"), "100020");
        alerts.candle("coinbase:BTC-USD", at("12:05"), "99600");
        alerts.candle("coinbase:BTC-USD", at("12:06"), "100050");
        alerts.candle("coinbase:BTC-USD", at("12:07"), "99500");    // back by the margin: re-armed
        alerts.candle("coinbase:BTC-USD", at("12:08"), "100000");   // reaching the level is crossing it

        List<TestRecord<String, Alert>> records = alerts.alerts.readRecordsToList();
        assertThat(records).extracting(TestRecord::key, r -> r.value().id(), r -> r.value().message(), TestRecord::timestamp)
                .containsExactly(
                        tuple("alice", "alice/btc-100k:coinbase:BTC-USD:2026-11-25T12:02:00Z",
                                "coinbase:BTC-USD crossed above 100,000.00 (now 100,010.00)", at("12:02").toEpochMilli()),
                        tuple("alice", "alice/btc-100k:coinbase:BTC-USD:2026-11-25T12:08:00Z",
                                "coinbase:BTC-USD crossed above 100,000.00 (now 100,000.00)", at("12:08").toEpochMilli()));
        Alert first = records.get(0).value();
        assertThat(first.rule()).isEqualTo("price-cross");
        assertThat(first.trigger()).containsEntry("instrument", "coinbase:BTC-USD").containsEntry("close", "100010")
                .containsEntry("windowStart", "2026-11-25T12:01:00Z").containsEntry("ticks", "3")
                .doesNotContainKey("volume");
    }

    @Test
    void aPriceAlreadyBeyondTheLevelWhenFirstSeenOnlyInitialises() {
        alerts.subscribe(subscription("alice", "eth-down", new Condition.PriceCross(Direction.DOWN,
                new BigDecimal("3000"), 0), Scope.ALL, Throttle.NONE));
        alerts.candle("kraken:ETH-USD", at("12:01"), "2990.5");   // already below: no alert
        alerts.candle("kraken:ETH-USD", at("12:02"), "2980");
        alerts.candle("kraken:ETH-USD", at("12:03"), "3000.01");  // back above: armed (no margin)
        alerts.candle("kraken:ETH-USD", at("12:04"), "2999.99");

        assertThat(alerts.fired()).extracting(Alert::id, Alert::message).containsExactly(tuple(
                "alice/eth-down:kraken:ETH-USD:2026-11-25T12:04:00Z", "kraken:ETH-USD crossed below 3,000.00 (now 2,999.99)"));
    }

    @Test
    void theCooldownHoldsBackFurtherAlertsOfTheSameSubjectForItsDuration() {
        alerts.subscribe(subscription("bob", "rebounds", REBOUND, Scope.ALL,
                new Throttle(Duration.ofMinutes(30), null, null)));
        alerts.rebound("coinbase:BTC-USD", at("12:00"), 0.6);
        alerts.rebound("coinbase:ETH-USD", at("12:10"), 0.6);   // another subject: its own cooldown
        alerts.rebound("coinbase:BTC-USD", at("12:20"), 0.6);   // within 30 min of 12:00
        alerts.rebound("coinbase:BTC-USD", at("12:30"), 0.6);   // the cooldown has run out
        alerts.rebound("coinbase:BTC-USD", at("12:59"), 0.6);

        assertThat(alerts.fired()).extracting(Alert::subject, Alert::eventTime).containsExactly(
                tuple("coinbase:BTC-USD", at("12:00")), tuple("coinbase:ETH-USD", at("12:10")),
                tuple("coinbase:BTC-USD", at("12:30")));
    }

    @Test
    void oncePerAllowsOneAlertPerSubjectInEachUtcAlignedWindowAndNamesItByTheWindow() {
        alerts.subscribe(subscription("bob", "hourly", REBOUND, Scope.ALL, new Throttle(null, Duration.ofHours(1), null)));
        alerts.rebound("coinbase:BTC-USD", at("12:05"), 0.6);
        alerts.rebound("coinbase:BTC-USD", at("12:55"), 0.6);
        alerts.rebound("coinbase:BTC-USD", at("13:00"), 0.6);
        alerts.rebound("coinbase:BTC-USD", at("13:30"), 0.6);

        assertThat(alerts.fired()).extracting(Alert::id, Alert::eventTime).containsExactly(
                tuple("bob/hourly:coinbase:BTC-USD:2026-11-25T12:00:00Z", at("12:05")),
                tuple("bob/hourly:coinbase:BTC-USD:2026-11-25T13:00:00Z", at("13:00")));
    }

    @Test
    void theDailyCapCountsAlertsOverAllSubjectsPerUtcDayAndCountsWhatItHoldsBack() {
        alerts.subscribe(subscription("carol", "capped", REBOUND, Scope.ALL, new Throttle(null, null, 2)));
        alerts.rebound("coinbase:BTC-USD", at("10:00"), 0.6);
        alerts.rebound("coinbase:ETH-USD", at("11:00"), 0.6);
        alerts.rebound("kraken:SOL-USD", at("12:00"), 0.6);     // the day's third: held back
        alerts.rebound("coinbase:BTC-USD", at("23:59"), 0.6);   // and the fourth
        alerts.rebound("coinbase:ETH-USD", Instant.parse("2026-11-26T00:30:00Z"), 0.6);

        assertThat(alerts.fired()).extracting(Alert::subject, Alert::eventTime).containsExactly(
                tuple("coinbase:BTC-USD", at("10:00")), tuple("coinbase:ETH-USD", at("11:00")),
                tuple("coinbase:ETH-USD", Instant.parse("2026-11-26T00:30:00Z")));
        assertThat(alerts.cappedAlerts()).isEqualTo(2.0);
    }

    @Test
    void anExpiredSubscriptionNoLongerAlertsAndItsStateIsForgotten() {
        Subscription expiring = new Subscription(Subscription.VERSION, "until-noon", "dave", BTC_ABOVE_100K, Scope.ALL,
                Alert.Severity.CRITICAL, Throttle.NONE, at("12:00"), null, AlertsDriver.CREATED);
        alerts.subscribe(expiring);
        alerts.candle("coinbase:BTC-USD", at("11:58"), "99000");
        alerts.candle("coinbase:BTC-USD", at("11:59"), "100001");
        assertThat(alerts.evaluationStates().get("coinbase:BTC-USD|dave/until-noon")).isNotNull();
        alerts.candle("coinbase:BTC-USD", at("12:00"), "99000");
        alerts.candle("coinbase:BTC-USD", at("12:01"), "100001");

        assertThat(alerts.fired()).extracting(Alert::id, Alert::severity).containsExactly(
                tuple("dave/until-noon:coinbase:BTC-USD:2026-11-25T11:59:00Z", Alert.Severity.CRITICAL));
        assertThat(alerts.evaluationStates().get("coinbase:BTC-USD|dave/until-noon")).isNull();
    }

    @Test
    void aSubscriptionAddedAtRunTimeAppliesToLaterEventsAndItsTombstoneUnsubscribes() {
        alerts.rebound("coinbase:BTC-USD", at("11:00"), 0.6);
        alerts.subscribe(subscription("erin", "late", REBOUND, Scope.ALL, Throttle.NONE));
        alerts.rebound("coinbase:BTC-USD", at("12:00"), 0.6);
        assertThat(alerts.evaluationStates().get("coinbase:BTC-USD|erin/late")).isNotNull();
        alerts.unsubscribe("erin/late", at("12:30"));
        alerts.rebound("coinbase:BTC-USD", at("13:00"), 0.6);

        assertThat(alerts.fired()).extracting(Alert::id).containsExactly("erin/late:coinbase:BTC-USD:2026-11-25T12:00:00Z");
        assertThat(alerts.evaluationStates().get("coinbase:BTC-USD|erin/late")).isNull();
    }

    @Test
    void aSubscriptionReplacedWithAnotherConditionStartsThatConditionAfresh() {
        alerts.subscribe(subscription("erin", "btc", BTC_ABOVE_100K, Scope.ALL, Throttle.NONE));
        alerts.candle("coinbase:BTC-USD", at("12:01"), "99000");
        alerts.subscribe(subscription("erin", "btc", new Condition.PriceCross(Direction.UP, new BigDecimal("98000"), 0),
                Scope.ALL, Throttle.NONE));
        alerts.candle("coinbase:BTC-USD", at("12:02"), "99100");  // first value for the new level: above, not armed
        alerts.candle("coinbase:BTC-USD", at("12:03"), "97000");
        alerts.candle("coinbase:BTC-USD", at("12:04"), "98000");

        assertThat(alerts.fired()).extracting(Alert::message).containsExactly(
                "coinbase:BTC-USD crossed above 98,000.00 (now 98,000.00)");
    }

    @Test
    void aMoveIsMeasuredFromTheTrailingWindowsLowAndTheWindowStartsAgainAfterItFires() {
        alerts.subscribe(subscription("frank", "up5", new Condition.PriceMove(Direction.UP, 5, Duration.ofHours(1)),
                Scope.ALL, Throttle.NONE));
        alerts.candle("coinbase:SOL-USD", at("12:00"), "100");
        alerts.candle("coinbase:SOL-USD", at("12:10"), "98");
        alerts.candle("coinbase:SOL-USD", at("12:30"), "102");
        alerts.candle("coinbase:SOL-USD", at("12:40"), "103");    // 5.10 % above 98
        alerts.candle("coinbase:SOL-USD", at("12:50"), "104");    // measured from 103 now
        alerts.candle("coinbase:SOL-USD", at("13:00"), "108.2");  // 5.05 % above 103

        assertThat(alerts.fired()).extracting(Alert::rule, Alert::message).containsExactly(
                tuple("price-move", "coinbase:SOL-USD rose 5.10% within 1h (from 98.00 at 2026-11-25T12:10:00Z to 103.00)"),
                tuple("price-move", "coinbase:SOL-USD rose 5.05% within 1h (from 103.00 at 2026-11-25T12:40:00Z to 108.20)"));
    }

    @Test
    void aMoveEitherWayCountsPricesAtTheWindowsStartButNotBefore() {
        alerts.subscribe(subscription("frank", "any5", new Condition.PriceMove(Direction.ANY, 5, Duration.ofHours(1)),
                Scope.ALL, Throttle.NONE));
        alerts.candle("kraken:ETH-USD", at("12:00"), "100");
        alerts.candle("kraken:ETH-USD", at("13:00"), "95");      // exactly 1 h after 100, exactly 5 % down
        alerts.candle("kraken:ETH-USD", at("14:01"), "99.75");   // 95 is more than 1 h old: nothing to compare with
        alerts.candle("kraken:ETH-USD", at("14:30"), "104.8");   // 5.06 % above 99.75

        assertThat(alerts.fired()).extracting(Alert::message).containsExactly(
                "kraken:ETH-USD fell 5.00% within 1h (from 100.00 at 2026-11-25T12:00:00Z to 95.00)",
                "kraken:ETH-USD rose 5.06% within 1h (from 99.75 at 2026-11-25T14:01:00Z to 104.80)");
    }

    @Test
    void aTightnessLevelCrossingFiresOnceAndReArmsOnlyOnceBackByItsHysteresisPoints() {
        alerts.subscribe(subscription("gina", "tight80", new Condition.TightnessLevel(Direction.UP, 80, 5),
                Scope.parse("model:RTX 3090"), Throttle.NONE));
        alerts.tightness("RTX 3090", at("10:00"), 78);
        alerts.tightness("RTX 3090", at("11:00"), 81.04);   // fires
        alerts.tightness("RTX 3090", at("12:00"), 77);
        alerts.tightness("RTX 3090", at("13:00"), 82);
        alerts.tightness("RTX 3090", at("14:00"), 75);      // back 5 points: re-armed
        alerts.tightness("RTX 3090", at("15:00"), 80);      // fires
        alerts.tightness("RTX 3080", at("15:00"), 90);      // another model: out of scope

        assertThat(alerts.fired()).extracting(Alert::id, Alert::rule, Alert::message).containsExactly(
                tuple("gina/tight80:model:RTX 3090:2026-11-25T11:00:00Z", "tightness-level",
                        "model:RTX 3090 supply tightness rose above 80 (now 81.0)"),
                tuple("gina/tight80:model:RTX 3090:2026-11-25T15:00:00Z", "tightness-level",
                        "model:RTX 3090 supply tightness rose above 80 (now 80.0)"));
    }

    @Test
    void theTightnessSignalFiresWhenTheIndexReachesSeventyAndReArmsTenPointsBelow() {
        alerts.subscribe(subscription("gina", "tight", new Condition.SignalFired("tightness", null), Scope.ALL,
                Throttle.NONE));
        alerts.tightness("RTX 3090", at("10:00"), 72);      // the first index already reaching 70 fires
        alerts.tightness("RTX 3090", at("11:00"), 75);
        alerts.tightness("RTX 3090", at("12:00"), 61);
        alerts.tightness("RTX 3090", at("13:00"), 71);
        alerts.tightness("RTX 3090", at("14:00"), 60);      // 10 points below: re-armed
        alerts.tightness("RTX 3090", at("15:00"), 70);

        List<Alert> fired = alerts.fired();
        assertThat(fired).extracting(Alert::rule, Alert::eventTime, Alert::message).containsExactly(
                tuple("signal:tightness", at("10:00"), "model:RTX 3090 supply is tight: index 72.0 reached 70"),
                tuple("signal:tightness", at("15:00"), "model:RTX 3090 supply is tight: index 70.0 reached 70"));
        assertThat(fired.get(0).trigger()).containsEntry("scope", "model").containsEntry("index", "72.0")
                .containsEntry("components[0].name", "active-supply").containsEntry("components[0].z", "2.0");
    }

    @Test
    void aCapitulationAlertsItsModelsSubscribers() {
        alerts.subscribe(subscription("hank", "rtx3080", new Condition.SignalFired("capitulation", null),
                Scope.parse("model:RTX 3080"), Throttle.NONE));
        alerts.capitulation("RTX 3070", Instant.parse("2026-11-25T00:00:00Z"));
        alerts.capitulation("RTX 3080", Instant.parse("2026-11-25T00:00:00Z"));

        assertThat(alerts.fired()).extracting(Alert::id, Alert::rule, Alert::message).containsExactly(tuple(
                "hank/rtx3080:model:RTX 3080:2026-11-25T00:00:00Z", "signal:capitulation",
                "model:RTX 3080 no longer pays to mine: -0.21 USD/day with coinbase:ETH-USD at 1,180.25 "
                        + "(break-even 1,448.03)"));
    }

    @Test
    void aSymbolScopeCoversThatSymbolOnEveryExchangeAndAnExchangeScopeEverySymbolThere() {
        Condition below3000 = new Condition.PriceCross(Direction.DOWN, new BigDecimal("3000"), 0);
        alerts.subscribe(subscription("ivy", "eth", below3000, Scope.parse("symbol:ETH-USD"), Throttle.NONE));
        alerts.subscribe(subscription("ivy", "kraken", below3000, Scope.parse("exchange:kraken"), Throttle.NONE));
        for (String instrument : List.of("coinbase:ETH-USD", "kraken:ETH-USD", "kraken:SOL-USD", "coinbase:SOL-USD")) {
            alerts.candle(instrument, at("12:00"), "3100");
            alerts.candle(instrument, at("12:01"), "2900");
        }

        assertThat(alerts.fired()).extracting(Alert::subscription, Alert::subject).containsExactlyInAnyOrder(
                tuple("ivy/eth", "coinbase:ETH-USD"), tuple("ivy/eth", "kraken:ETH-USD"),
                tuple("ivy/kraken", "kraken:ETH-USD"), tuple("ivy/kraken", "kraken:SOL-USD"));
    }

    @Test
    void aFamilyScopeCoversTheFamilysOwnSeriesAndItsModelsByTheCatalogue() {
        alerts.subscribe(subscription("jack", "rtx30-cheap", new Condition.PriceCross(Direction.DOWN,
                new BigDecimal("500"), 0), Scope.parse("family:GeForce RTX 30"), Throttle.NONE));
        for (String[] series : new String[][] {{"model", "RTX 3080"}, {"family", "GeForce RTX 30"},
                {"model", "RTX 4090"}, {"family", "GeForce RTX 40"}}) {
            alerts.gpuHour(series[0], series[1], at("10:00"), 520.0);
            alerts.gpuHour(series[0], series[1], at("11:00"), null);   // no listing open: no price
            alerts.gpuHour(series[0], series[1], at("12:00"), 487.5);
        }

        List<Alert> fired = alerts.fired();
        assertThat(fired).extracting(Alert::subject, Alert::message).containsExactly(
                tuple("model:RTX 3080", "model:RTX 3080 crossed below 500.00 (now 487.50)"),
                tuple("family:GeForce RTX 30", "family:GeForce RTX 30 crossed below 500.00 (now 487.50)"));
        assertThat(fired.get(0).trigger()).containsEntry("medianPriceUsd", "487.5").containsEntry("interval", "PT1H");
    }

    @Test
    void theSameInputsAlwaysYieldTheSameAlertIdsAndOneInstantOfOneSubjectAlertsOnce(@TempDir Path otherStateDir) {
        List<String> first = runScenario(alerts);
        try (AlertsDriver again = new AlertsDriver(otherStateDir)) {
            assertThat(runScenario(again)).isEqualTo(first);
        }
        assertThat(first).containsExactly("kim/rebounds:coinbase:BTC-USD:2026-11-25T12:00:00Z",
                "kim/rebounds:model:RTX 3080:2026-11-25T13:00:00Z");
    }

    private static List<String> runScenario(AlertsDriver driver) {
        driver.subscribe(subscription("kim", "rebounds", REBOUND, Scope.ALL, Throttle.NONE));
        // the 1-minute and the 1-hour series confirming at the same instant
        driver.rebounds.pipeInput("coinbase:BTC-USD",
                AlertsDriver.reboundSignal("coinbase:BTC-USD", Duration.ofMinutes(1), at("12:00"), 0.5), at("12:00"));
        driver.rebounds.pipeInput("coinbase:BTC-USD",
                AlertsDriver.reboundSignal("coinbase:BTC-USD", Duration.ofHours(1), at("12:00"), 0.5), at("12:00"));
        driver.rebound("model:RTX 3080", at("13:00"), 0.3);
        return driver.alerts.readValuesToList().stream().map(Alert::id).toList();
    }

    @Test
    void anUnreadableOrMisKeyedSubscriptionIsLoggedCountedAndSkippedWithoutStoppingTheOthers() {
        byte[] garbageKey = "bad/one".getBytes(StandardCharsets.UTF_8);
        alerts.rawSubscriptions.pipeInput(garbageKey, "{\"id\": \"one\", \"subscriber\"".getBytes(StandardCharsets.UTF_8));
        alerts.rawSubscriptions.pipeInput("bad/two".getBytes(StandardCharsets.UTF_8),
                ("{\"v\":1,\"id\":\"two\",\"subscriber\":\"bad\",\"condition\":{\"kind\":\"price-cross\","
                        + "\"direction\":\"UP\",\"level\":-5}}").getBytes(StandardCharsets.UTF_8));
        alerts.subscriptions.pipeInput("bad/three", subscription("other", "three", REBOUND, Scope.ALL, Throttle.NONE));
        alerts.subscribe(subscription("lee", "fine", REBOUND, Scope.ALL, Throttle.NONE));
        alerts.rebound("coinbase:BTC-USD", at("12:00"), 0.6);

        assertThat(alerts.fired()).extracting(Alert::subscription).containsExactly("lee/fine");
        assertThat(alerts.skippedSubscriptions()).isEqualTo(3.0);
    }

    @Test
    void anUnreadableCandleIsSkippedAndCountedAndTheNextOneStillEvaluated() {
        alerts.subscribe(subscription("lee", "btc", BTC_ABOVE_100K, Scope.ALL, Throttle.NONE));
        alerts.candle("coinbase:BTC-USD", at("12:01"), "99000");
        alerts.rawCandles.pipeInput("coinbase:BTC-USD".getBytes(StandardCharsets.UTF_8),
                "{\"close\": ".getBytes(StandardCharsets.UTF_8), at("12:02"));
        alerts.candle("coinbase:BTC-USD", at("12:03"), "100500");

        assertThat(alerts.fired()).extracting(Alert::eventTime).containsExactly(at("12:03"));
        // the stage's handler also dead-letters it (StreamsStageTest); the test driver only logs and counts it
        assertThat(alerts.droppedRecords()).isEqualTo(1.0);
    }

    @Test
    void aNamespaceReadsAndWritesItsOwnTopics(@TempDir Path sandboxState) {
        try (AlertsDriver sandbox = new AlertsDriver(sandboxState, TopicNamespace.of("bt-1"))) {
            sandbox.subscribe(subscription("mo", "rebounds", REBOUND, Scope.ALL, Throttle.NONE));
            sandbox.rebound("coinbase:BTC-USD", at("12:00"), 0.6);
            assertThat(sandbox.alerts.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("mo");
            assertThat(sandbox.driver.producedTopicNames()).contains("bt-1." + Topics.ALERTS.name())
                    .doesNotContain(Topics.ALERTS.name());
        }
    }
}
