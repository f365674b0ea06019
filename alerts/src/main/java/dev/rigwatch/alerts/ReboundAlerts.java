package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.streams.signal.rebound.Rebound;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The first alert rule: every rebound signal, of a crypto instrument or a GPU model, becomes one alert for the
 * broadcast subscriber. Rules as data, subscriptions, cooldowns and delivery come with the alerting issue; the record
 * shape is already final.
 */
public final class ReboundAlerts {

    public static final String RULE = "rebound";
    /** The subscriber every trader receives until per-trader subscriptions exist. */
    public static final String BROADCAST = "all";

    private final Clock clock;

    public ReboundAlerts(Clock clock) {
        this.clock = clock;
    }

    public Alert toAlert(ReboundSignal signal) {
        return new Alert(Alert.VERSION, alertId(signal), RULE, BROADCAST, BROADCAST + "/" + RULE, severity(signal), signal.subject(),
                message(signal), signal.confirmedAt(), clock.instant(), trigger(signal));
    }

    /**
     * Rule + subject + interval + confirming window: the same signal always yields the same id, so consumers can
     * de-duplicate, and the 1-minute and 1-hour series of one subject confirming at the same instant do not collide.
     */
    static String alertId(ReboundSignal signal) {
        return RULE + ":" + signal.subject() + ":" + Rebound.label(signal.interval()) + ":" + signal.confirmedAt();
    }

    /** A rebound after a drawdown of twice the arming threshold or more is the kind traders wait for. */
    private static Alert.Severity severity(ReboundSignal signal) {
        return signal.drawdownPct() >= 2 * signal.thresholds().drawdownPct()
                ? Alert.Severity.CRITICAL : Alert.Severity.WARNING;
    }

    private static String message(ReboundSignal signal) {
        return String.format(Locale.ROOT,
                "%s rebounded %+.1f%% from %s (after a %.1f%% drawdown from %s); now %s, held over %d %s closes;"
                        + " strength %.2f",
                signal.subject(), signal.recoveryPct(), plain(signal.trough()), signal.drawdownPct(),
                plain(signal.peak()), plain(signal.price()), signal.confirmations(), Rebound.label(signal.interval()),
                signal.strength());
    }

    private static String plain(BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static Map<String, String> trigger(ReboundSignal signal) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("signal", "rebound");
        fields.put("subjectType", signal.subjectType());
        fields.put("interval", signal.interval().toString());
        fields.put("peak", signal.peak().toPlainString());
        fields.put("peakTime", signal.peakTime().toString());
        fields.put("trough", signal.trough().toPlainString());
        fields.put("troughTime", signal.troughTime().toString());
        fields.put("price", signal.price().toPlainString());
        fields.put("confirmedWindowStart", signal.confirmedWindowStart().toString());
        fields.put("confirmedWindowEnd", signal.confirmedWindowEnd().toString());
        fields.put("drawdownPct", Double.toString(signal.drawdownPct()));
        fields.put("recoveryPct", Double.toString(signal.recoveryPct()));
        fields.put("confirmations", Integer.toString(signal.confirmations()));
        fields.put("strength", Double.toString(signal.strength()));
        ReboundSignal.Thresholds thresholds = signal.thresholds();
        fields.put("drawdownThresholdPct", Double.toString(thresholds.drawdownPct()));
        fields.put("recoveryThresholdPct", Double.toString(thresholds.recoveryPct()));
        fields.put("confirmWindows", Integer.toString(thresholds.confirmWindows()));
        fields.put("lookbackWindows", Integer.toString(thresholds.lookbackWindows()));
        return fields;
    }
}
