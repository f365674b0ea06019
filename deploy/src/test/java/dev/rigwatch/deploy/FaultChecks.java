package dev.rigwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

/** What every run under a fault must show: every tick served on the topic once, and exactly the expected alerts. */
final class FaultChecks {

    private FaultChecks() {
    }

    static void assertNothingLostOrDuplicated(MarketRun.Outcome outcome) {
        assertThat(outcome.ticksServed()).as("ticks served").isGreaterThan(500);
        assertThat(outcome.ticksMissing()).as("ticks served and not on crypto.ticks").isEmpty();
        assertThat(outcome.ticksDuplicated()).as("ticks on crypto.ticks twice").isZero();
        assertThat(outcome.sendFailures()).as("ticks ingest failed to send").isZero();
        assertThat(outcome.alertsExpected()).as("rebound alerts of the uninterrupted run").isGreaterThanOrEqualTo(4);
        assertThat(outcome.alertsMissing()).as("expected alerts not on the alerts topic").isEmpty();
        assertThat(outcome.alertsExtra()).as("alerts not in the uninterrupted run").isEmpty();
        assertThat(outcome.alertsDuplicated()).as("alerts on the topic twice").isZero();
    }
}
