package dev.rigwatch.ingest.exchange.kraken;

import java.util.List;

/**
 * The envelope of every Kraken public response: {@code {"error": [...], "result": ...}}. Errors arrive with HTTP
 * 200: messages starting with {@code E} are errors (e.g. {@code EQuery:Unknown asset pair}), with {@code W}
 * warnings; {@code result} is absent when there are errors.
 */
record KrakenResponse<R>(List<String> error, R result) {
}
