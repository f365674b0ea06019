package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.IngestReject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The outcome of one ticker request: a tick, or a failure that says why in {@link IngestReject} terms. */
public sealed interface FetchResult {

    /** A parsed tick, and the URL it came from (named in a reject if the tick fails validation). */
    record Tick(CryptoTick tick, String url) implements FetchResult {
        public Tick {
            Objects.requireNonNull(tick, "tick");
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * A request that produced no data; also the failure of a {@link CandlesResult}.
     *
     * @param url          the URL requested
     * @param httpStatus   the HTTP status, or null when no response arrived
     * @param reason       why
     * @param detail       the cause, in words
     * @param body         the response body, or null when none arrived
     * @param observedTime when the response (or the failure) happened
     * @param retryAfter   how long the source asked us to wait (rate limits and bans), else null
     */
    record Failure(String url, Integer httpStatus, RejectReason reason, String detail, String body,
                   Instant observedTime, Duration retryAfter) implements FetchResult, CandlesResult {

        public Failure {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(observedTime, "observedTime");
        }

        public IngestReject toReject(String source) {
            return IngestReject.of(source, url, httpStatus, reason.code(), detail, body, observedTime);
        }

        /** Failures with the same cause are one streak for logging: the reason and status, not the wording. */
        String cause() {
            return httpStatus == null ? reason.code() : reason.code() + " (HTTP " + httpStatus + ")";
        }
    }
}
