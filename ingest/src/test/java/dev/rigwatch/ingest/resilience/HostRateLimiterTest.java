package dev.rigwatch.ingest.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real HTTP to a MockWebServer; host names are resolved to it by the client's DNS, so each is its own host. */
class HostRateLimiterTest {

    private static final String THROTTLED = "throttled.test";
    private static final String OTHER = "other.test";

    private final MockWebServer server = new MockWebServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<OkHttpClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        clients.forEach(http -> http.connectionPool().evictAll());
        server.close();
    }

    @Test
    void requestsToAThrottledHostWaitForPermitsWhileAnotherHostIsNotDelayed() throws IOException {
        OkHttpClient http = client(new HostRateLimiter(Map.of(THROTTLED, new RateLimit(1, Duration.ofMillis(250))),
                RateLimit.perSecond(100), Duration.ofSeconds(1), registry));

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(get(http, THROTTLED)).isEqualTo(200);
            assertThat(get(http, OTHER)).isEqualTo(200);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        // a bucket of 1 refilled every 250 ms hands out 5 permits in no less than 4 refills
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        assertThat(server.getRequestCount()).isEqualTo(10);
        Timer throttledWaits = waits(THROTTLED);
        assertThat(throttledWaits.count()).isEqualTo(5);
        assertThat(throttledWaits.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        Timer otherWaits = waits(OTHER);
        assertThat(otherWaits.count()).isEqualTo(5);
        assertThat(otherWaits.totalTime(TimeUnit.NANOSECONDS)).isZero();
    }

    @Test
    void aRequestThatWouldWaitLongerThanTheMaxWaitFailsAtOnceAndIsNotSent() throws IOException {
        OkHttpClient http = client(new HostRateLimiter(Map.of(THROTTLED, new RateLimit(1, Duration.ofSeconds(10))),
                RateLimit.perSecond(100), Duration.ofMillis(100), registry));
        assertThat(get(http, THROTTLED)).isEqualTo(200);

        long start = System.nanoTime();
        RateLimitedLocallyException refused = catchThrowableOfType(RateLimitedLocallyException.class,
                () -> get(http, THROTTLED));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.host()).isEqualTo(THROTTLED);
        assertThat(refused.wouldWait()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
        assertThat(refused).hasMessageStartingWith("not sent to throttled.test: its rate limit of 1 per PT10S "
                + "would need a wait of PT9.").hasMessageEndingWith("S, longer than the allowed PT0.1S");
        assertThat(elapsed).as("refused without waiting out the max wait").isLessThan(Duration.ofMillis(100));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(registry.get("http.ratelimit.refused").tag("host", THROTTLED).counter().count()).isEqualTo(1);
        assertThat(waits(THROTTLED).count()).as("waits of requests sent").isEqualTo(1);
    }

    @Test
    void anInterruptedWaitFailsAsInterruptedAndKeepsTheInterrupt() throws IOException {
        OkHttpClient http = client(new HostRateLimiter(Map.of(THROTTLED, new RateLimit(1, Duration.ofSeconds(10))),
                RateLimit.perSecond(100), Duration.ofSeconds(30), registry));
        assertThat(get(http, THROTTLED)).isEqualTo(200);

        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> get(http, THROTTLED))
                .isExactlyInstanceOf(InterruptedIOException.class)
                .hasMessage("interrupted while waiting for a permit of throttled.test's rate limit");

        assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theExchangeLimitsApplyByHostName() throws IOException {
        // next to no waiting allowed, so the second request reports the limit it ran into
        OkHttpClient http = client(HostRateLimiter.forExchanges(Duration.ofMillis(1), registry));
        assertThat(get(http, "api.kraken.com")).isEqualTo(200);
        assertThat(get(http, OTHER)).isEqualTo(200);

        assertThatThrownBy(() -> get(http, "api.kraken.com"))
                .isInstanceOf(RateLimitedLocallyException.class)
                .hasMessageContaining("its rate limit of 1 per PT1.2S would need");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRateLimitNeedsPermitsAndAPeriod() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1)))
                .hasMessage("permits must be at least 1, was 0");
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO))
                .hasMessage("the period must be positive, was PT0S");
        assertThatThrownBy(() -> new HostRateLimiter(Map.of(), RateLimit.perSecond(1), Duration.ZERO, registry))
                .hasMessage("max wait must be positive, was PT0S");
    }

    private OkHttpClient client(HostRateLimiter limiter) {
        OkHttpClient http = new OkHttpClient.Builder()
                .dns(host -> List.of(InetAddress.getLoopbackAddress()))
                .addInterceptor(limiter)
                .build();
        clients.add(http);
        return http;
    }

    private int get(OkHttpClient http, String host) throws IOException {
        Request request = new Request.Builder().url(server.url("/ticker").newBuilder().host(host).build()).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code();
        }
    }

    private Timer waits(String host) {
        return registry.get("http.ratelimit.wait").tag("host", host).timer();
    }
}
