package dev.rigwatch.ingest;

/** Why a request produced no event: the stable {@link #code()} goes into {@code IngestReject.reason} and metrics. */
public enum RejectReason {
    /** Rate limited (HTTP 429, or Kraken's rate-limit error): polling the source pauses for the wait it asked. */
    HTTP_429("http-429"),
    /** Binance's IP ban for ignoring 429s: like a 429, polling pauses for its {@code Retry-After}. */
    HTTP_418("http-418"),
    /** Any other 4xx: our request is wrong (bad path, bad parameters). */
    HTTP_4XX("http-4xx"),
    HTTP_5XX("http-5xx"),
    /** A status that is neither success nor an error (e.g. a redirect without a target). */
    HTTP_UNEXPECTED("http-unexpected"),
    /** The exchange says it does not list the symbol (Kraken's {@code EQuery:Unknown asset pair}, Binance's -1121). */
    UNKNOWN_SYMBOL("unknown-symbol"),
    /** Any other error the exchange reports in its own error body. */
    EXCHANGE_ERROR("exchange-error"),
    /** A successful response whose body is not the JSON we expect: HTML, truncated, empty, missing fields. */
    MALFORMED_JSON("malformed-json"),
    /** A price, bid or ask that is not a number or not positive; a candle whose open or close is outside its range. */
    INVALID_PRICE("invalid-price"),
    /** No response (or no whole body) within the connect/read timeouts. */
    TIMEOUT("timeout"),
    /** The connection failed or broke: refused, reset, cut mid-body. */
    IO_ERROR("io-error"),
    /** Our own per-host rate limiter could not grant a request in time: nothing was sent. */
    RATE_LIMITED_LOCALLY("rate-limited-locally"),
    /** A body longer than the client's maximum: cut off unread, never held in memory. */
    BODY_TOO_LARGE("body-too-large"),
    /** A WebSocket frame in valid JSON of a kind the exchange's reader does not know. */
    UNKNOWN_MESSAGE("unknown-message");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Whether a failure for this reason says the source itself is unwell, for its circuit breaker. A 4xx or an
     * unknown symbol is our request's fault, and a local rate limit is ours: one bad symbol must not open the
     * circuit for all.
     */
    public boolean saysSourceIsUnwell() {
        return switch (this) {
            case HTTP_4XX, UNKNOWN_SYMBOL, RATE_LIMITED_LOCALLY -> false;
            default -> true;
        };
    }
}
