package dev.rigwatch.ingest.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.TickerSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Coinbase Exchange's public ticker, {@code GET /products/{product_id}/ticker}, as {@link CryptoTick}s. Every
 * outcome is a value: a tick, or a {@link FetchResult.Failure} with the URL, status, reason, detail and body.
 */
public final class CoinbaseTickerClient implements TickerSource {

    public static final String SOURCE = "coinbase";
    /** Coinbase rejects requests without a User-Agent. */
    public static final String USER_AGENT = "rigwatch/0.1";
    /** The pause after a 429 that carries no usable {@code Retry-After}: Coinbase's public limits are per second. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final Clock clock;

    /**
     * @param shared   the application's client; this one shares its connection pool and threads, with the
     *                 settings' timeouts
     * @param settings base URL and timeouts
     * @param clock    stamps {@code receivedTime}
     */
    public CoinbaseTickerClient(OkHttpClient shared, IngestSettings settings, Clock clock) {
        this.http = shared.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .build();
        this.baseUrl = HttpUrl.get(settings.baseUrl());
        this.clock = clock;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public FetchResult fetch(String productId) {
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegment("products").addPathSegment(productId).addPathSegment("ticker")
                .build();
        Request request = new Request.Builder()
                .url(url)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .build();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            Instant received = clock.instant();
            int status = response.code();
            if (response.isSuccessful()) {
                return parse(productId, url.toString(), status, body, received);
            }
            String detail = ("HTTP " + status + " " + response.message()).trim();
            if (status == 429) {
                String header = response.header("Retry-After");
                Duration wait = retryAfter(header, received);
                return new FetchResult.Failure(url.toString(), status, RejectReason.HTTP_429,
                        detail + "; " + (header == null ? "no Retry-After" : "Retry-After " + header)
                                + ", pausing " + wait, body, received, wait);
            }
            RejectReason reason = status >= 500 ? RejectReason.HTTP_5XX
                    : status >= 400 ? RejectReason.HTTP_4XX
                    : RejectReason.HTTP_UNEXPECTED;
            return new FetchResult.Failure(url.toString(), status, reason, detail, body, received, null);
        } catch (InterruptedIOException e) {
            return new FetchResult.Failure(url.toString(), null, RejectReason.TIMEOUT, e.toString(), null,
                    clock.instant(), null);
        } catch (IOException e) {
            return new FetchResult.Failure(url.toString(), null, RejectReason.IO_ERROR, e.toString(), null,
                    clock.instant(), null);
        }
    }

    /** The one place Coinbase's ticker becomes a {@link CryptoTick}. */
    private static FetchResult parse(String productId, String url, int status, String body, Instant received) {
        try {
            CoinbaseTicker ticker = Json.mapper().readValue(body, CoinbaseTicker.class);
            if (ticker == null) {
                throw new Invalid(RejectReason.MALFORMED_JSON, "the body is JSON null, not a ticker");
            }
            CryptoTick tick = new CryptoTick(
                    CryptoTick.VERSION,
                    SOURCE,
                    productId,
                    price("price", required("price", ticker.price())),
                    ticker.bid() == null ? null : price("bid", ticker.bid()),
                    ticker.ask() == null ? null : price("ask", ticker.ask()),
                    ticker.volume() == null ? null : volume(ticker.volume()),
                    required("trade_id", ticker.tradeId()).toString(),
                    required("time", ticker.time()),
                    received,
                    TimeSource.EXCHANGE);
            return new FetchResult.Tick(tick);
        } catch (JsonProcessingException e) {
            String detail = body.isEmpty() ? "empty body" : "not a Coinbase ticker: " + e.getOriginalMessage();
            return new FetchResult.Failure(url, status, RejectReason.MALFORMED_JSON, detail, body, received, null);
        } catch (Invalid e) {
            return new FetchResult.Failure(url, status, e.reason, e.getMessage(), body, received, null);
        }
    }

    private static <T> T required(String field, T value) throws Invalid {
        if (value == null) {
            throw new Invalid(RejectReason.MALFORMED_JSON, "field " + field + " is missing");
        }
        return value;
    }

    private static BigDecimal price(String field, String text) throws Invalid {
        BigDecimal value = decimalOrNull(text);
        if (value == null) {
            throw new Invalid(RejectReason.INVALID_PRICE, field + " '" + text + "' is not a number");
        }
        if (value.signum() <= 0) {
            throw new Invalid(RejectReason.INVALID_PRICE, field + " " + text + " is not positive");
        }
        return value;
    }

    private static BigDecimal volume(String text) throws Invalid {
        BigDecimal value = decimalOrNull(text);
        if (value == null || value.signum() < 0) {
            throw new Invalid(RejectReason.MALFORMED_JSON, "volume '" + text + "' is not a non-negative number");
        }
        return value;
    }

    /** Parses the exact decimal Coinbase sent (never through a double); null when it is not a number. */
    private static BigDecimal decimalOrNull(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code Retry-After} is delta-seconds or an HTTP date; anything else falls back to the default. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant until = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, until);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    @Override
    public String toString() {
        return "Coinbase ticker at " + baseUrl;
    }

    /** A ticker that parsed as JSON but cannot be a tick. */
    private static final class Invalid extends Exception {
        private final RejectReason reason;

        Invalid(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
