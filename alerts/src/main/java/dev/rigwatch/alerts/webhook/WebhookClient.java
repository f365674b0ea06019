package dev.rigwatch.alerts.webhook;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.alert.Webhook;
import dev.rigwatch.events.http.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** One signed POST of an alert, and what came of it. Thread-safe; the delivery pool's threads share it. */
final class WebhookClient implements AutoCloseable {

    static final String ALERT_ID_HEADER = "Rigwatch-Alert-Id";
    static final String ATTEMPT_HEADER = "Rigwatch-Delivery-Attempt";
    static final String USER_AGENT = "rigwatch-webhooks/1";
    private static final MediaType JSON = MediaType.get("application/json");
    /** How much of an error response's body goes into the dead letter, to show the receiver's reason. */
    private static final long ERROR_BODY_SHOWN = 200;

    /** What one attempt came to. */
    enum Kind {
        DELIVERED,
        /** 5xx, 429, a timeout or a connection error: worth another attempt. */
        RETRYABLE,
        /** Any other status: the receiver said no, and will say it again. */
        REJECTED,
        /** The URL is not allowed ({@link WebhookTargets}): nothing was sent. */
        REFUSED
    }

    /**
     * @param status     the HTTP status, null when there was none
     * @param error      readable reason, null when delivered
     * @param retryAfter the receiver's {@code Retry-After}, if it sent one
     */
    record Attempt(Kind kind, Integer status, String error, Duration retryAfter) {
    }

    private final OkHttpClient http;
    private final Clock clock;
    private final boolean allowPrivate;

    private WebhookClient(OkHttpClient http, Clock clock, boolean allowPrivate) {
        this.http = http;
        this.clock = clock;
        this.allowPrivate = allowPrivate;
    }

    /** A client with the settings' timeouts, on an HTTP client of its own that {@link #close()} shuts down. */
    static WebhookClient of(WebhookSettings settings, Clock clock) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // a redirect could lead to an address WebhookTargets refuses; and retries are ours to count
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .dns(WebhookTargets.dns(settings.allowPrivateTargets()))
                .build();
        return new WebhookClient(http, clock, settings.allowPrivateTargets());
    }

    /** POSTs {@code body} (the alert's {@link WebhookPayload}) as attempt number {@code attempt}. */
    Attempt post(Alert alert, byte[] body, Webhook webhook, int attempt) {
        HttpUrl url;
        try {
            url = WebhookTargets.validate(webhook.url(), allowPrivate);
        } catch (IllegalArgumentException e) {
            // a name that does not resolve may be a passing DNS failure; every other refusal is final
            return new Attempt(e.getCause() instanceof UnknownHostException ? Kind.RETRYABLE : Kind.REFUSED,
                    null, e.getMessage(), null);
        }
        Request request = new Request.Builder()
                .url(url)
                .header("User-Agent", USER_AGENT)
                .header(ALERT_ID_HEADER, alert.id())
                .header(ATTEMPT_HEADER, Integer.toString(attempt))
                .header(WebhookSigner.HEADER, WebhookSigner.sign(webhook.secrets(), body, clock.instant()))
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            int status = response.code();
            if (response.isSuccessful()) {
                return new Attempt(Kind.DELIVERED, status, null, null);
            }
            String error = "HTTP " + status + reason(response);
            boolean retryable = status >= 500 || status == 429;
            return new Attempt(retryable ? Kind.RETRYABLE : Kind.REJECTED, status, error,
                    retryable ? retryAfter(response) : null);
        } catch (WebhookTargets.RefusedAddressException e) {
            return new Attempt(Kind.REFUSED, null, "webhook host " + e.getMessage() + ": webhooks only go to public addresses", null);
        } catch (InterruptedIOException e) {
            return new Attempt(Kind.RETRYABLE, null, "timed out: " + e.getMessage(), null);
        } catch (IOException e) {
            return new Attempt(Kind.RETRYABLE, null, "connection failed: " + e, null);
        }
    }

    /** {@code : <the start of the body>}, or nothing when it is empty. */
    private static String reason(Response response) throws IOException {
        String start = response.peekBody(ERROR_BODY_SHOWN).string().strip();
        return start.isEmpty() ? "" : ": " + start;
    }

    /** The receiver's {@code Retry-After}; null when absent or unreadable. */
    private Duration retryAfter(Response response) {
        return RetryAfter.parse(response.header(RetryAfter.HEADER), clock.instant()).orElse(null);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
