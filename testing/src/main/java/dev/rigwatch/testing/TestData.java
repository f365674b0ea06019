package dev.rigwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The files tests share, from this module's classpath: {@code /fixtures/exchanges/..} and {@code /fixtures/listings/..}
 * (real response bodies of the sources), {@code /data/history/..} and {@code /data/gpu/..} (the repository's
 * {@code data/}). One copy of each, so a fixture fixed is fixed for every module.
 */
public final class TestData {

    private static final List<String> FIXTURE_FOLDERS = List.of("/fixtures/exchanges/", "/fixtures/listings/");

    private TestData() {
    }

    /**
     * A real response body or feed file by its name, e.g. {@code kraken-ticker-XBTUSD.json} (an exchange's) or
     * {@code ebay-search-rtx3090.json} (a marketplace's): names are unique across both folders.
     */
    public static String fixture(String name) {
        return text(fixtureResource(name));
    }

    /** A fixture as a file, for code that reads paths (file feeds). */
    public static Path fixturePath(String name) {
        return path(fixtureResource(name));
    }

    private static String fixtureResource(String name) {
        for (String folder : FIXTURE_FOLDERS) {
            String resource = folder + name;
            if (TestData.class.getResource(resource) != null) {
                return resource;
            }
        }
        throw new IllegalArgumentException("no fixture " + name + " in " + FIXTURE_FOLDERS);
    }

    /** The resource as UTF-8 text. */
    public static String text(String resource) {
        try (InputStream in = stream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The resource as a stream; the caller closes it. */
    public static InputStream stream(String resource) {
        InputStream in = TestData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return in;
    }

    /** The resource as a file, for code that reads paths (importers, file feeds). */
    public static Path path(String resource) {
        URL url = TestData.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("test resource " + resource + " is not a file: " + url, e);
        }
    }
}
