package dev.rigwatch.streams.signal.rebound;

/**
 * Thresholds of the rebound rule, in percent.
 *
 * @param drawdownPct D: how far the close must fall below its peak to arm the rule; 0 &lt; D &lt; 100 (default 10)
 * @param recoveryPct R: how far the close must then rise above its trough to fire; R &gt; 0 (default 5)
 */
public record ReboundConfig(double drawdownPct, double recoveryPct) {

    public static final double DEFAULT_DRAWDOWN_PCT = 10;
    public static final double DEFAULT_RECOVERY_PCT = 5;

    public ReboundConfig {
        if (!(drawdownPct > 0 && drawdownPct < 100)) {
            throw new IllegalArgumentException("rebound drawdownPct must be > 0 and < 100, got " + drawdownPct);
        }
        if (!(recoveryPct > 0) || Double.isInfinite(recoveryPct)) {
            throw new IllegalArgumentException("rebound recoveryPct must be a finite number > 0, got " + recoveryPct);
        }
    }

    public static ReboundConfig defaults() {
        return new ReboundConfig(DEFAULT_DRAWDOWN_PCT, DEFAULT_RECOVERY_PCT);
    }
}
