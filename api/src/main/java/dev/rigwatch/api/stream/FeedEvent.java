package dev.rigwatch.api.stream;

/**
 * One event of {@code /api/stream}: its number (the SSE id a reconnecting client sends back as
 * {@code Last-Event-ID}), its kind ({@code candle}, {@code signal}, {@code alert}) and its JSON.
 */
public record FeedEvent(long id, String event, String json) {
}
