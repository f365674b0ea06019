package dev.rigwatch.alerts;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.GpuMarketStats;
import dev.rigwatch.events.MinerCapitulation;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.SupplyTightness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One event the subscriptions are evaluated against, whatever topic it came from: a price (a crypto 1-minute close or
 * a GPU hourly median ask), a signal, or a feed's gap.
 *
 * @param kind        what it is, which decides the conditions that look at it
 * @param subject     the Kafka key of its topic: {@code coinbase:BTC-USD}, {@code model:RTX 3090},
 *                    {@code family:GeForce RTX 30}, {@code market:all}
 * @param subjectType {@value #CRYPTO} or {@value #GPU}
 * @param eventTime   when it happened (a window end, a signal's confirmation)
 * @param value       the number conditions compare: the price, or the tightness index; null for a capitulation
 * @param strength    a rebound's strength score or the tightness index; null for the rest
 * @param event       the triggering record itself, for the alert's message and its trigger fields
 */
record Trigger(Kind kind, String subject, String subjectType, Instant eventTime, BigDecimal value, Double strength,
               Record event) {

    static final String CRYPTO = "crypto";
    static final String GPU = "gpu";

    enum Kind {
        PRICE, REBOUND, TIGHTNESS, CAPITULATION, FEED;

        /** The name a {@code signal} condition uses for this kind. */
        String signalName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Trigger {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(event, "event");
    }

    /** A closed 1-minute candle: its close at its window end. */
    static Trigger of(String instrument, Candle candle) {
        return new Trigger(Kind.PRICE, instrument, CRYPTO, candle.windowEnd(), candle.close(), null, candle);
    }

    /** An hour of the used-GPU market: its median ask at the window end; null when no listing was open. */
    static Trigger of(String subject, GpuMarketStats stats) {
        return stats.medianPriceUsd() == null ? null
                : new Trigger(Kind.PRICE, subject, GPU, stats.windowEnd(), BigDecimal.valueOf(stats.medianPriceUsd()),
                        null, stats);
    }

    static Trigger of(String subject, ReboundSignal signal) {
        String subjectType = signal.subjectType().equals(ReboundSignal.GPU) ? GPU : CRYPTO;
        return new Trigger(Kind.REBOUND, subject, subjectType, signal.confirmedAt(), signal.price(), signal.strength(),
                signal);
    }

    static Trigger of(String subject, SupplyTightness tightness) {
        return new Trigger(Kind.TIGHTNESS, subject, GPU, tightness.windowEnd(), BigDecimal.valueOf(tightness.index()),
                tightness.index(), tightness);
    }

    /** A gap report of an exchange's symbol ({@code ingest.gaps}), at its report time on the worker's clock. */
    static Trigger of(String instrument, SourceGap gap) {
        return new Trigger(Kind.FEED, instrument, CRYPTO, gap.reportTime(), null, null, gap);
    }

    static Trigger of(String subject, MinerCapitulation capitulation) {
        return new Trigger(Kind.CAPITULATION, subject, GPU, capitulation.dayEnd(), null, null, capitulation);
    }
}
