package dev.rigwatch.ingest.http;

import dev.rigwatch.ingest.exchange.CandleSpan;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.http.RetryAfter;
import dev.rigwatch.ingest.CandlesResult;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import java.io.IOException;
import dev.rigwatch.ingest.resilience.RateLimitedLocallyException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one way adapters call an exchange: a GET whose every outcome is either the value read from a successful
 * body or a {@link FetchResult.Failure} with the URL, status, reason, detail, body and time. What is common to
 * all exchanges lives here: headers, timeouts, network errors, rate limits and bans with their
 * {@code Retry-After}, status classes, and JSON that is empty, truncated or not JSON. What differs (each
 * exchange's own error bodies, the mapping of its fields) the adapter passes in.
 */
public final class SourceHttpClient {

    /** Coinbase rejects requests without a User-Agent; the others get the same one. */
    public static final String USER_AGENT = "rigwatch/0.1";
    /** The pause after a 429 without a usable {@code Retry-After}: public limits are per second. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /**
     * The pause after a 418 without a usable {@code Retry-After}: Binance's shortest IP ban, which grows for
     * clients that keep calling while banned.
     */
    public static final Duration DEFAULT_BAN_PAUSE = Duration.ofMinutes(2);
    /**
     * 8 MiB: far above any page the sources serve (the largest fixture, a page of eBay results, is tens of KiB),
     * far below what would hurt the heap when every source answers at once.
     */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    /** Reads a successful response's body; throws when it cannot become data. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(String body, Instant receivedTime) throws InvalidResponse;
    }

    /**
     * Recognises an exchange's own error body, with any status other than 429 and 418; returns null for a body
     * that is not one, which then gets the status's generic reason (or, for a 2xx, goes to the {@link BodyReader}).
     */
    @FunctionalInterface
    public interface ErrorBody {
        InvalidResponse recognise(int status, String body);
    }

    /** For exchanges whose errors need nothing beyond the HTTP status. */
    public static final ErrorBody STATUS_ONLY = (status, body) -> null;

    /** A request that produced no data: the failure says why. */
    public static final class RequestFailed extends Exception {
        private final transient FetchResult.Failure failure;

        RequestFailed(FetchResult.Failure failure) {
            super(failure.detail(), null, false, false);
            this.failure = failure;
        }

        public FetchResult.Failure failure() {
            return failure;
        }
    }

    private final OkHttpClient http;
    private final Clock clock;
    private final long maxBodyBytes;

    /**
     * @param shared the application's client (and its interceptors); this one shares its connection pool and
     *               threads, with these timeouts
     * @param clock  stamps when each response arrived
     */
    public SourceHttpClient(OkHttpClient shared, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this(shared, connectTimeout, readTimeout, clock, DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param maxBodyBytes the longest body read; a longer one (by its {@code Content-Length}, or once that many
     *                     bytes have arrived) fails with {@link RejectReason#BODY_TOO_LARGE}, the rest unread
     */
    public SourceHttpClient(OkHttpClient shared, Duration connectTimeout, Duration readTimeout, Clock clock,
                            long maxBodyBytes) {
        if (maxBodyBytes <= 0 || maxBodyBytes == Long.MAX_VALUE) {
            // the limit is checked by asking for one byte more, which Long.MAX_VALUE has not
            throw new IllegalArgumentException("max body size must be positive and finite, was " + maxBodyBytes);
        }
        this.http = shared.newBuilder().connectTimeout(connectTimeout).readTimeout(readTimeout).build();
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The longest body this client reads. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** GETs a ticker: the tick, or the failure. */
    public FetchResult ticker(HttpUrl url, BodyReader<CryptoTick> reader, ErrorBody errors) {
        try {
            return new FetchResult.Tick(get(url, reader, errors), url.toString());
        } catch (RequestFailed e) {
            return e.failure();
        }
    }

    /**
     * GETs the span's candles in pages of at most {@code maxWindows} windows, one after the other, and selects
     * the span's candles from all of them; the first page that fails is the result.
     *
     * @param pageUrl the request for one page
     */
    public CandlesResult candlePages(CandleSpan span, int maxWindows, Function<CandleSpan, HttpUrl> pageUrl,
                                     BodyReader<List<Candle>> reader, ErrorBody errors) {
        List<Candle> fetched = new ArrayList<>();
        try {
            for (CandleSpan page : span.pages(maxWindows)) {
                fetched.addAll(get(pageUrl.apply(page), reader, errors));
            }
        } catch (RequestFailed e) {
            return e.failure();
        }
        return new CandlesResult.Candles(span.select(fetched));
    }

    /**
     * GETs {@code url}. A 2xx body that {@code errors} does not recognise goes to {@code reader}; every other
     * outcome is thrown as the failure it is.
     */
    public <T> T get(HttpUrl url, BodyReader<T> reader, ErrorBody errors) throws RequestFailed {
        return call(new Request.Builder().url(url).build(), reader, errors);
    }

    /**
     * Sends {@code request} (any method, any headers; {@code User-Agent} and {@code Accept} are added when it has
     * none) with the same outcomes as {@link #get}.
     */
    public <T> T call(Request request, BodyReader<T> reader, ErrorBody errors) throws RequestFailed {
        Request.Builder withDefaults = request.newBuilder();
        if (request.header("User-Agent") == null) {
            withDefaults.header("User-Agent", USER_AGENT);
        }
        if (request.header("Accept") == null) {
            withDefaults.header("Accept", "application/json");
        }
        HttpUrl url = request.url();
        request = withDefaults.build();
        String body;
        int status;
        String statusLine;
        String retryAfterHeader;
        Instant received;
        try (Response response = http.newCall(request).execute()) {
            body = boundedBody(url, response);
            received = clock.instant();
            status = response.code();
            statusLine = ("HTTP " + status + " " + response.message()).trim();
            retryAfterHeader = response.header(RetryAfter.HEADER);
        } catch (RateLimitedLocallyException e) {
            // our own limiter refused to send it: the exchange never saw this request
            throw failed(url, null, RejectReason.RATE_LIMITED_LOCALLY, e.getMessage(), null, clock.instant(), e.wouldWait());
        } catch (InterruptedIOException e) {
            throw failed(url, null, RejectReason.TIMEOUT, e.toString(), null, clock.instant(), null);
        } catch (IOException e) {
            throw failed(url, null, RejectReason.IO_ERROR, e.toString(), null, clock.instant(), null);
        }
        if (status == 429 || status == 418) {
            Duration wait = RetryAfter.parse(retryAfterHeader, received)
                    .orElse(status == 429 ? DEFAULT_RETRY_AFTER : DEFAULT_BAN_PAUSE);
            String detail = statusLine + "; " + (retryAfterHeader == null ? "no Retry-After" : "Retry-After " + retryAfterHeader)
                    + ", pausing " + wait;
            throw failed(url, status, status == 429 ? RejectReason.HTTP_429 : RejectReason.HTTP_418, detail, body,
                    received, wait);
        }
        try {
            InvalidResponse exchangeError = errors.recognise(status, body);
            if (exchangeError != null) {
                throw exchangeError;
            }
            if (status >= 200 && status < 300) {
                return reader.read(body, received);
            }
        } catch (InvalidResponse e) {
            throw failed(url, status, e.reason(), e.getMessage(), body, received, e.retryAfter());
        }
        RejectReason reason = status >= 500 ? RejectReason.HTTP_5XX
                : status >= 400 ? RejectReason.HTTP_4XX
                : RejectReason.HTTP_UNEXPECTED;
        throw failed(url, status, reason, statusLine, body, received, null);
    }

    /**
     * Reads a body as {@code type}, exact decimals kept (the shared mapper); an empty body, JSON that does not
     * parse or is {@code null} is malformed.
     *
     * @param what the expected document, for the detail: {@code "a Kraken ticker"}
     */
    public static <T> T json(String body, TypeReference<T> type, String what) throws InvalidResponse {
        if (body.isEmpty()) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "empty body");
        }
        T value;
        try {
            value = Json.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "not " + what + ": " + e.getOriginalMessage());
        }
        if (value == null) {
            throw new InvalidResponse(RejectReason.MALFORMED_JSON, "the body is JSON null, not " + what);
        }
        return value;
    }

    /**
     * The body as text, at most {@link #maxBodyBytes} bytes of it: a longer one is refused by its
     * {@code Content-Length} before reading, or as soon as one byte more than the maximum has been buffered.
     */
    private String boundedBody(HttpUrl url, Response response) throws IOException, RequestFailed {
        ResponseBody responseBody = response.body();
        long declared = responseBody.contentLength();
        if (declared > maxBodyBytes) {
            throw failed(url, response.code(), RejectReason.BODY_TOO_LARGE, "Content-Length " + declared
                    + " is above the maximum body size of " + maxBodyBytes + " bytes", null, clock.instant(), null);
        }
        BufferedSource source = responseBody.source();
        if (source.request(maxBodyBytes + 1)) {
            throw failed(url, response.code(), RejectReason.BODY_TOO_LARGE, "the body is longer than the maximum of "
                    + maxBodyBytes + " bytes; the rest was not read", null, clock.instant(), null);
        }
        MediaType type = responseBody.contentType();
        Charset charset = type == null ? null : type.charset(null);
        return source.readString(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static RequestFailed failed(HttpUrl url, Integer status, RejectReason reason, String detail, String body,
                                        Instant observed, Duration retryAfter) {
        return new RequestFailed(new FetchResult.Failure(url.toString(), status, reason, detail, body, observed,
                retryAfter));
    }
}
