package dev.rigwatch.api.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another API instance to run a {@link LocalQuery} on its own stores ({@code GET /internal/query/<name>}).
 * Whatever goes wrong (no answer, a 503 while it rebalances, a body that does not parse) makes the answer
 * {@link Unavailable}: a gathered answer never silently lacks one instance's part.
 */
public final class PeerClient {

    public static final String PATH = "/internal/query/";
    private static final ObjectMapper JSON = Json.mapper();

    private final OkHttpClient http;

    public PeerClient(Duration timeout) {
        this.http = new OkHttpClient.Builder().callTimeout(timeout).retryOnConnectionFailure(false).build();
    }

    public <T> List<T> run(HostInfo peer, LocalQuery<T> query, Map<String, String> params) {
        HttpUrl.Builder url = new HttpUrl.Builder().scheme("http").host(peer.host()).port(peer.port())
                .addPathSegments(PATH.substring(1) + query.name());
        params.forEach(url::addQueryParameter);
        Request request = new Request.Builder().url(url.build()).get().build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (response.code() != 200) {
                throw new Unavailable("instance " + peer + " answered " + response.code() + " to " + query.name()
                        + ": " + truncate(body.string()));
            }
            JavaType items = JSON.getTypeFactory().constructCollectionType(List.class, query.type());
            return JSON.readValue(JSON.readTree(body.byteStream()).path("items").traverse(JSON), items);
        } catch (IOException e) {
            throw new Unavailable("instance " + peer + " did not answer " + query.name() + ": " + e.getMessage(), e);
        }
    }

    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
