package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SimulatedClockOptionTest {

    @Test
    void whatTheSimulatorPrintsReadsBackAsAClockOnItsTime() {
        Instant since = Instant.now().minusSeconds(10);
        SimulatedClock simulator = SimulatedClock.runningSince(Clock.systemUTC(), since.minus(Duration.ofDays(1)), 60,
                since);

        String printed = simulator.describe();
        SimulatedClock read = new SimulatedClockOption.Converter().convert(printed);

        assertThat(printed).isEqualTo(since.minus(Duration.ofDays(1)) + ",60," + since);
        assertThat(read.start()).isEqualTo(simulator.start());
        assertThat(read.speed()).isEqualTo(60);
        assertThat(read.runningSince()).isEqualTo(since);
        // ten real seconds at 60x: ten simulated minutes, give or take the time between the two readings
        assertThat(Duration.between(simulator.start(), read.now())).isBetween(Duration.ofMinutes(10),
                Duration.ofMinutes(11));
    }

    @Test
    void withoutTheOptionTheStageRunsOnTheWallClockAndAHeldClockCannotBePrinted() {
        assertThat(new SimulatedClockOption().clock()).isEqualTo(Clock.systemUTC());
        SimulatedClock held = SimulatedClock.held(Clock.systemUTC(), Instant.now().minusSeconds(60), 60);
        assertThatThrownBy(() -> held.describe()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSimulatorsBaseUrlReadsTheClockItServes() {
        SimulatedMarket market = SimulatedMarket.held(Clock.systemUTC(), Instant.now().minus(Duration.ofDays(1)), 60);
        try (SimulatorServer server = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0).start()) {
            SimulatedClock read = new SimulatedClockOption.Converter().convert(server.baseUrl() + "/");

            assertThat(read.start()).isEqualTo(market.clock().start());
            assertThat(read.speed()).isEqualTo(60);
            assertThat(read.runningSince()).isEqualTo(market.clock().runningSince());
        }
    }

    @Test
    void aValueThatIsNotStartSpeedSinceIsRefusedSayingWhatItShouldBe() {
        SimulatedClockOption.Converter converter = new SimulatedClockOption.Converter();
        assertThatThrownBy(() -> converter.convert("2026-11-25T02:00:00Z,60"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("START,SPEED,SINCE");
        assertThatThrownBy(() -> converter.convert("yesterday,60,2026-11-26T02:19:43Z"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("START,SPEED,SINCE");
        assertThatThrownBy(() -> converter.convert("2026-11-25T02:00:00Z,0,2026-11-26T02:19:43Z"))
                .isInstanceOf(TypeConversionException.class).hasMessageContaining("speed must be a positive number");
    }
}
