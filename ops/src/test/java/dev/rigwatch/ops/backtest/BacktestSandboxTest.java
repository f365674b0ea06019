package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacktestSandboxTest {

    @Test
    void aRunsTopicsAndApplicationsAreNamedAfterWhenItStarted() {
        BacktestSandbox sandbox = BacktestSandbox.startedAt(Instant.parse("2026-03-01T09:05:07.830Z"));

        assertThat(sandbox.runId()).isEqualTo("bt-20260301-090507");
        assertThat(sandbox.namespace().of(Topics.CRYPTO_TICKS).name()).isEqualTo("bt-20260301-090507.crypto.ticks");
        assertThat(sandbox.streamsId()).isEqualTo("rigwatch-backtest-bt-20260301-090507");
        assertThat(sandbox.alertsId()).isEqualTo("rigwatch-backtest-bt-20260301-090507-alerts");
    }

    @Test
    void sandboxTopicsKeepTheirRecordsHoweverOldOtherwiseAsTheCatalogueSays() {
        Topic<?, ?> signals = BacktestSandbox.startedAt(Instant.EPOCH).namespace().of(Topics.SIGNALS_REBOUND);

        Topic<?, ?> kept = BacktestSandbox.keptForever(signals);

        assertThat(signals.retention()).isNotNull();
        assertThat(kept.retention()).isNull();
        assertThat(kept).extracting(Topic::name, Topic::partitions, Topic::cleanupPolicy)
                .containsExactly(signals.name(), signals.partitions(), signals.cleanupPolicy());
    }
}
