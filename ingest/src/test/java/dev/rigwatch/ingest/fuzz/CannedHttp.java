package dev.rigwatch.ingest.fuzz;

import dev.rigwatch.ingest.http.SourceHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link SourceHttpClient} whose every request is answered 200 with the bytes last {@link #serve served},
 * without a socket: an interceptor answers, so a property's thousand tries take milliseconds each.
 */
final class CannedHttp {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
    static final String BASE_URL = "http://fuzz.invalid/";
    private static final MediaType JSON = MediaType.get("application/json");

    private volatile byte[] body = new byte[0];
    private final SourceHttpClient http;

    CannedHttp() {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(chain -> new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(ResponseBody.create(body, JSON))
                        .build())
                .build();
        http = new SourceHttpClient(client, Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    CannedHttp serve(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    SourceHttpClient client() {
        return http;
    }
}
