package dev.rigwatch.events;

import java.time.Instant;

/**
 * A source response that could not become an event: kept as data so nothing is lost and the cause can be
 * fixed. Topic {@code ingest.rejects}, key the source ({@code coinbase}), record timestamp {@link #observedTime()}.
 *
 * @param source        the source id
 * @param url           the URL requested
 * @param httpStatus    the HTTP status, or null when no response arrived (timeout, connection refused)
 * @param reason        a short stable code: {@code http-429}, {@code http-5xx}, {@code malformed-json}, ...
 * @param detail        the cause, in words
 * @param body          the response body, truncated to {@link #MAX_BODY_CHARS}; null when none arrived
 * @param bodyTruncated whether {@code body} was cut
 * @param observedTime  when the response (or failure) happened
 */
public record IngestReject(
        int v,
        String source,
        String url,
        Integer httpStatus,
        String reason,
        String detail,
        String body,
        boolean bodyTruncated,
        Instant observedTime) implements Versioned {

    public static final int VERSION = 1;
    public static final int MAX_BODY_CHARS = 4096;

    public static IngestReject of(String source, String url, Integer httpStatus, String reason, String detail,
                                  String body, Instant observedTime) {
        boolean truncated = body != null && body.length() > MAX_BODY_CHARS;
        String kept = truncated ? body.substring(0, MAX_BODY_CHARS) : body;
        return new IngestReject(VERSION, source, url, httpStatus, reason, detail, kept, truncated, observedTime);
    }
}
