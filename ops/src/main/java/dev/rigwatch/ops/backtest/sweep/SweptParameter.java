package dev.rigwatch.ops.backtest.sweep;

import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rebound parameter a sweep can vary, named as its {@code rigwatch backtest} flag without the dashes, its values
 * read as that flag reads them (a decimal for the percentages, a whole number for the counts).
 */
public enum SweptParameter {
    DRAWDOWN_PCT("drawdown-pct"),
    RECOVERY_PCT("recovery-pct"),
    CONFIRM_WINDOWS("confirm-windows"),
    LOOKBACK_WINDOWS("lookback-windows");

    private final String flag;

    SweptParameter(String flag) {
        this.flag = flag;
    }

    /** The name in {@code --sweep NAME=...}, the flag's without its dashes: {@code drawdown-pct}. */
    public String flag() {
        return flag;
    }

    /** This parameter's value in {@code config}. */
    Number of(ReboundConfig config) {
        return switch (this) {
            case DRAWDOWN_PCT -> config.drawdownPct();
            case RECOVERY_PCT -> config.recoveryPct();
            case CONFIRM_WINDOWS -> config.confirmWindows();
            case LOOKBACK_WINDOWS -> config.lookbackWindows();
        };
    }

    /** Whether this parameter is a count of windows (a whole number) rather than a percentage. */
    boolean isCount() {
        return this == CONFIRM_WINDOWS || this == LOOKBACK_WINDOWS;
    }

    /** @throws NumberFormatException when {@code text} is no number of this parameter's kind */
    Number parse(String text) {
        return isCount() ? Integer.valueOf(text) : Double.valueOf(text);
    }

    static Optional<SweptParameter> named(String name) {
        return Arrays.stream(values()).filter(p -> p.flag.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(SweptParameter::flag).collect(Collectors.joining(", "));
    }
}
