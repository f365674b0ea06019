package dev.rigwatch.app;

import static dev.rigwatch.app.CapturedOutput.printed;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code rigwatch backtest}'s refusals of bad input, all before it connects to anything (no broker here). */
class BacktestCommandTest {

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();

    private int backtest(String... args) {
        List<String> all = new ArrayList<>(List.of("backtest", "--from", "2017-11-09", "--to", "2024-12-09",
                "--bootstrap-servers", "127.0.0.1:1", "--verbose"));
        all.addAll(List.of(args));
        return Rigwatch.commandLine().execute(all.toArray(String[]::new));
    }

    private List<String> errors() {
        return printed(captured.err);
    }

    @Test
    void aBadSweepIsAUsageErrorNamingTheMistake() {
        assertThat(backtest("--sweep", "drawdown-pct=30,40", "recovery=10")).isEqualTo(2);
        assertThat(errors()).first().isEqualTo("--sweep recovery=10: 'recovery' is no rebound parameter (names: "
                + "drawdown-pct, recovery-pct, confirm-windows, lookback-windows)");
        assertThat(errors()).noneMatch(line -> line.trim().startsWith("at "));
    }

    @Test
    void aSweptValueTheRuleRefusesIsAUsageError() {
        assertThat(backtest("--confirm-windows", "3", "--sweep", "lookback-windows=4,90")).isEqualTo(2);
        assertThat(errors()).first().isEqualTo("--sweep: the point lookback-windows=4 is no valid rebound rule: rebound "
                + "lookbackWindows must be at least confirmWindows + 2 = 5 (a peak, a trough and the confirmations), got 4");
    }

    @Test
    void anIntervalWithoutAProductionDefaultNeedsAllFourParameters() {
        assertThat(backtest("--interval", "1h", "--drawdown-pct", "20")).isEqualTo(2);
        assertThat(errors()).first().isEqualTo("--interval 1h has no production rebound default: give --drawdown-pct, "
                + "--recovery-pct, --confirm-windows and --lookback-windows (or --params)");
    }

    @Test
    void theHelpSaysWhatASweepIs() {
        assertThat(Rigwatch.commandLine().execute("backtest", "--help")).isZero();
        assertThat(captured.out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("--sweep=NAME=V1,V2...", "--sweep drawdown-pct=30,40,50 recovery-pct=10,25.",
                        "Names: drawdown-pct, recovery-pct,");
    }
}
