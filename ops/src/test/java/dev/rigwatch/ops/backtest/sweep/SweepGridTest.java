package dev.rigwatch.ops.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepGridTest {

    private static final ReboundConfig RUN = ReboundConfig.defaults();

    private static SweepGrid parse(String... specs) {
        return SweepGrid.parse(List.of(specs), RUN);
    }

    @Test
    void theGridIsTheProductOfTheValuesTheFirstParameterVaryingSlowest() {
        SweepGrid grid = parse("drawdown-pct=30,40,50", "recovery-pct=10,25");

        assertThat(grid.points()).containsExactly(new ReboundConfig(30, 10, 2, 90), new ReboundConfig(30, 25, 2, 90),
                new ReboundConfig(40, 10, 2, 90), new ReboundConfig(40, 25, 2, 90), new ReboundConfig(50, 10, 2, 90),
                new ReboundConfig(50, 25, 2, 90));
        assertThat(grid.values().keySet()).containsExactly(SweptParameter.DRAWDOWN_PCT, SweptParameter.RECOVERY_PCT);
    }

    @Test
    void countsAndDecimalsAreReadAsTheirFlagsReadThem() {
        assertThat(parse("confirm-windows=1,3", "lookback-windows=30", "recovery-pct=7.5").points()).containsExactly(
                new ReboundConfig(40, 7.5, 1, 30), new ReboundConfig(40, 7.5, 3, 30));
        assertThat(parse(" Drawdown-PCT = 35 ").points()).containsExactly(new ReboundConfig(35, 25, 2, 90));
    }

    @Test
    void aConfirmationCountNeedsRoomInTheLookbackOfItsOwnPoint() {
        // lookback 5 holds confirm 3 (3 + 2), not confirm 4; swept together, each point is judged as a whole
        assertThat(parse("confirm-windows=3", "lookback-windows=5,90").points()).hasSize(2);
        assertThatThrownBy(() -> parse("confirm-windows=3,4", "lookback-windows=5"))
                .hasMessage("--sweep: the point confirm-windows=4 lookback-windows=5 is no valid rebound rule: rebound "
                        + "lookbackWindows must be at least confirmWindows + 2 = 6 (a peak, a trough and the "
                        + "confirmations), got 5");
    }

    @Test
    void everyMistakeIsNamed() {
        assertThatThrownBy(() -> SweepGrid.parse(List.of(), RUN)).hasMessage("--sweep needs at least one NAME=V1,V2,... "
                + "(names: drawdown-pct, recovery-pct, confirm-windows, lookback-windows)");
        assertThatThrownBy(() -> parse("drawdown-pct")).hasMessage("--sweep drawdown-pct: write NAME=V1,V2,... e.g. "
                + "drawdown-pct=30,40,50");
        assertThatThrownBy(() -> parse("drawdown=30")).hasMessage("--sweep drawdown=30: 'drawdown' is no rebound "
                + "parameter (names: drawdown-pct, recovery-pct, confirm-windows, lookback-windows)");
        assertThatThrownBy(() -> parse("drawdown-pct=30", "drawdown-pct=40"))
                .hasMessage("--sweep drawdown-pct=40: drawdown-pct is swept twice");
        assertThatThrownBy(() -> parse("recovery-pct=")).hasMessage("--sweep recovery-pct=: an empty value; write e.g. "
                + "recovery-pct=30,40");
        assertThatThrownBy(() -> parse("confirm-windows=2,,3")).hasMessage("--sweep confirm-windows=2,,3: an empty "
                + "value; write e.g. confirm-windows=2,3");
        assertThatThrownBy(() -> parse("drawdown-pct=30,forty")).hasMessage("--sweep drawdown-pct=30,forty: 'forty' is "
                + "not a number");
        assertThatThrownBy(() -> parse("confirm-windows=2.5")).hasMessage("--sweep confirm-windows=2.5: '2.5' is not a "
                + "whole number");
        assertThatThrownBy(() -> parse("drawdown-pct=30,30.0")).hasMessage("--sweep drawdown-pct=30,30.0: 30.0 is given "
                + "twice");
        assertThatThrownBy(() -> parse("drawdown-pct=30,150")).hasMessage("--sweep: the point drawdown-pct=150 is no "
                + "valid rebound rule: rebound drawdownPct must be > 0 and < 100, got 150.0");
        assertThatThrownBy(() -> parse("recovery-pct=0")).hasMessage("--sweep: the point recovery-pct=0 is no valid "
                + "rebound rule: rebound recoveryPct must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> parse("confirm-windows=0")).hasMessageStartingWith("--sweep: the point "
                + "confirm-windows=0 is no valid rebound rule: rebound confirmWindows must be at least 1");
    }
}
