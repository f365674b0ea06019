package dev.rigwatch.ingest.http;

import dev.rigwatch.ingest.RejectReason;
import java.time.Duration;

/**
 * A response that arrived but cannot become data: its body is not what the endpoint returns, holds an impossible
 * value, or is the exchange's own error. {@link SourceHttpClient} turns it into a failure with the request's URL,
 * status and body, which the code that finds the problem does not need to know.
 */
public final class InvalidResponse extends Exception {

    private final RejectReason reason;
    private final Duration retryAfter;

    public InvalidResponse(RejectReason reason, String detail) {
        this(reason, detail, null);
    }

    /** @param retryAfter how long the exchange asked us to wait, for errors that are rate limits; else null */
    public InvalidResponse(RejectReason reason, String detail, Duration retryAfter) {
        // a value, not a bug: no stack trace
        super(detail, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public RejectReason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
