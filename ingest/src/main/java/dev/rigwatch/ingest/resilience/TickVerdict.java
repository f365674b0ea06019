package dev.rigwatch.ingest.resilience;

import java.util.Objects;

/** What {@link TickValidator} made of a tick: {@link Valid}, or {@link Invalid} with a reason and the evidence. */
public sealed interface TickVerdict {

    /** The tick can be produced. */
    record Valid() implements TickVerdict {
    }

    /**
     * The tick must not be produced.
     *
     * @param reason why, as a stable code for rejects and metrics
     * @param detail the values that failed the check, in words
     */
    record Invalid(Reason reason, String detail) implements TickVerdict {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        public String reasonCode() {
            return reason.code();
        }
    }

    /** Why a tick is invalid; {@link #code()} is the stable form for {@code IngestReject.reason} and metrics. */
    enum Reason {
        /** A price, bid or ask that is not positive or implausibly large, or a bid above the ask. */
        INVALID_PRICE("invalid-price"),
        /** The price moved further from the last good price than any market moves between two polls. */
        PRICE_JUMP("price-jump"),
        /** The exchange's time of the trade is too far behind our receipt of it. */
        STALE("stale"),
        /** The exchange's time is ahead of our receipt of it by more than clocks can disagree. */
        CLOCK_SKEW("clock-skew"),
        /** The exchange's time is before the last good tick's: an older response arrived late. */
        OUT_OF_ORDER("out-of-order");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
