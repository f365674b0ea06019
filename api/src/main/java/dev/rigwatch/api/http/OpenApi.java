package dev.rigwatch.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3 document of the API, kept beside the code as {@code openapi.json} and served as written. */
final class OpenApi {

    private static final String RESOURCE = "/dev/rigwatch/api/openapi.json";
    private static final String DOCUMENT = load();

    private OpenApi() {
    }

    static String document() {
        return DOCUMENT;
    }

    private static String load() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the API's OpenAPI document " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
