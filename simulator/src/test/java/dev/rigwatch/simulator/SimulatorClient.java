package dev.rigwatch.simulator;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A plain HTTP client for the simulator in tests, with the fixtures and JSON shape checks the API tests share. */
final class SimulatorClient implements AutoCloseable {

    record Answer(int status, Headers headers, String body) {

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");

    private final OkHttpClient http;
    private final String baseUrl;

    SimulatorClient(String baseUrl) {
        this(baseUrl, Duration.ofSeconds(10));
    }

    SimulatorClient(String baseUrl, Duration readTimeout) {
        this.baseUrl = baseUrl;
        this.http = new OkHttpClient.Builder().readTimeout(readTimeout).build();
    }

    Answer get(String pathAndQuery) throws IOException {
        return get(pathAndQuery, Map.of());
    }

    Answer get(String pathAndQuery, Map<String, String> headers) throws IOException {
        return call(new Request.Builder().url(baseUrl + pathAndQuery).headers(Headers.of(headers)).build());
    }

    /** POSTs {@code form} as {@code application/x-www-form-urlencoded}. */
    Answer postForm(String path, Map<String, String> headers, String form) throws IOException {
        return call(new Request.Builder().url(baseUrl + path).headers(Headers.of(headers))
                .post(RequestBody.create(form, FORM)).build());
    }

    /** GETs an absolute URL, e.g. a link the simulator sent. */
    Answer getUrl(String url, Map<String, String> headers) throws IOException {
        return call(new Request.Builder().url(url).headers(Headers.of(headers)).build());
    }

    private Answer call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        }
    }

    OkHttpClient http() {
        return http;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** An HTTP Basic {@code Authorization} header value. */
    static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode fixture(String name) throws IOException {
        return Json.mapper().readTree(TestData.fixture(name));
    }

    /**
     * Asserts that {@code served} has the fixture's shape: objects the same field names in the same order, values
     * the same JSON types. An array is compared element by element when it has the fixture's length (a tuple such
     * as a candle row), otherwise every element against the fixture's first (a list of rows).
     */
    static void assertSameShape(JsonNode served, JsonNode fixture, String at) {
        assertThat(served.getNodeType()).as(at).isEqualTo(fixture.getNodeType());
        if (fixture.isObject()) {
            assertThat(fieldNames(served)).as(at + " fields").containsExactlyElementsOf(fieldNames(fixture));
            fixture.fieldNames().forEachRemaining(f -> assertSameShape(served.get(f), fixture.get(f), at + "." + f));
        } else if (fixture.isArray() && !fixture.isEmpty()) {
            for (int i = 0; i < served.size(); i++) {
                JsonNode model = served.size() == fixture.size() ? fixture.get(i) : fixture.get(0);
                assertSameShape(served.get(i), model, at + "[" + i + "]");
            }
        }
    }

    /** The elements of a JSON array. */
    static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
