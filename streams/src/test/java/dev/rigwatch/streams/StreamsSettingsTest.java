package dev.rigwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private static final Path STATE = Path.of("state");

    @Test
    void defaultsAreTheDocumentedValues() {
        StreamsSettings defaults = StreamsSettings.defaults();

        assertThat(defaults.applicationId()).isEqualTo("rigwatch-streams");
        assertThat(defaults.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".rigwatch", "streams-state"));
        assertThat(defaults.candleGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.rebound()).isEqualTo(ReboundSettings.defaults());
        assertThat(defaults.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.timeMode()).isEqualTo(TimeMode.WALL_CLOCK);
    }

    @Test
    void timeModeChangesNothingElse() {
        StreamsSettings defaults = StreamsSettings.defaults();
        StreamsSettings streamTime = defaults.withTimeMode(TimeMode.STREAM_TIME);

        assertThat(streamTime.timeMode()).isEqualTo(TimeMode.STREAM_TIME);
        assertThat(streamTime.withTimeMode(TimeMode.WALL_CLOCK)).isEqualTo(defaults);
        assertThat(streamTime.withCandleGrace(Duration.ZERO).timeMode()).isEqualTo(TimeMode.STREAM_TIME);
    }

    @Test
    void applicationIdMustBeUsableInTopicNames() {
        assertThatThrownBy(() -> StreamsSettings.defaults().withApplicationId("rigwatch streams", STATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("applicationId may only contain ASCII letters, digits, '.', '_' and '-', got 'rigwatch streams'");
    }

    @Test
    void graceMayBeZeroButNotNegative() {
        assertThat(StreamsSettings.defaults().withCandleGrace(Duration.ZERO).candleGrace()).isZero();
        assertThatThrownBy(() -> StreamsSettings.defaults().withCandleGrace(Duration.ofMillis(-1)))
                .hasMessage("candleGrace must not be negative, got PT-0.001S");
    }

    @Test
    void commitIntervalMustBePositive() {
        assertThatThrownBy(() -> StreamsSettings.defaults().withCommitInterval(Duration.ZERO))
                .hasMessage("commitInterval must be positive, got PT0S");
    }
}
