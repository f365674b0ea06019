package dev.rigwatch.ingest.fuzz;

import dev.rigwatch.ingest.http.SourceHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link SourceHttpClient} whose every request is answered in memory with the body a property test set, so
 * that thousands of fuzzed bodies go through the sources' whole read path (status, error body, JSON, mapping)
 * without a socket. Answers may depend on the request path (eBay's token endpoint keeps its real body).
 */
public final class CannedHttp {

    public static final Instant NOW = Instant.parse("2023-11-24T14:05:00Z");
    private static final MediaType JSON = MediaType.get("application/json");

    private record Answer(int status, byte[] body) {
    }

    private final Map<String, Answer> byPath = new ConcurrentHashMap<>();
    private volatile Answer fallback = new Answer(200, new byte[0]);
    private final SourceHttpClient client;

    public CannedHttp() {
        OkHttpClient inMemory = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    String path = chain.request().url().encodedPath();
                    Answer answer = byPath.entrySet().stream().filter(e -> path.contains(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(fallback);
                    return new Response.Builder()
                            .request(chain.request())
                            .protocol(Protocol.HTTP_1_1)
                            .code(answer.status())
                            .message(answer.status() == 200 ? "OK" : "Status")
                            .body(ResponseBody.create(answer.body(), JSON))
                            .build();
                })
                .build();
        client = new SourceHttpClient(inMemory, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public SourceHttpClient client() {
        return client;
    }

    /** Every request whose path has no answer of its own gets this one. */
    public void answer(int status, byte[] body) {
        fallback = new Answer(status, body);
    }

    /** Requests whose path contains {@code pathPart} get this answer. */
    public void answerFor(String pathPart, int status, byte[] body) {
        byPath.put(pathPart, new Answer(status, body));
    }
}
