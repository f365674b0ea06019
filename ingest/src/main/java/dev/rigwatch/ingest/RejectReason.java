package dev.rigwatch.ingest;

/** Why a poll produced no event: the stable {@link #code()} goes into {@code IngestReject.reason} and metrics. */
public enum RejectReason {
    /** Rate limited: polling the source pauses for its {@code Retry-After}. */
    HTTP_429("http-429"),
    /** Any other 4xx: our request is wrong (unknown product, bad path). */
    HTTP_4XX("http-4xx"),
    HTTP_5XX("http-5xx"),
    /** A status that is neither success nor an error (e.g. a redirect without a target). */
    HTTP_UNEXPECTED("http-unexpected"),
    /** A successful response whose body is not the JSON we expect: HTML, truncated, empty, missing fields. */
    MALFORMED_JSON("malformed-json"),
    /** A price, bid or ask that is not a number or not positive. */
    INVALID_PRICE("invalid-price"),
    /** No response (or no whole body) within the connect/read timeouts. */
    TIMEOUT("timeout"),
    /** The connection failed or broke: refused, reset, cut mid-body. */
    IO_ERROR("io-error");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
