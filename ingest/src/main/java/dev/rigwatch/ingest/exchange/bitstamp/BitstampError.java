package dev.rigwatch.ingest.exchange.bitstamp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bitstamp's error body, {@code {"status": "error", "reason": ..., "code": ...}}.
 *
 * @param reason words, or an object of them by field
 */
record BitstampError(String status, JsonNode reason, String code) {
}
