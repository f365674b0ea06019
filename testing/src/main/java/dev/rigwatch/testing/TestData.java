package dev.rigwatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files tests share, from this module's classpath: {@code /fixtures/exchanges/..} and {@code /fixtures/listings/..}
 * (real response bodies of the sources), {@code /data/history/..} and {@code /data/gpu/..} (the repository's
 * {@code data/}). One copy of each, so a fixture fixed is fixed for every module.
 */
public final class TestData {

    private static final List<String> FIXTURE_FOLDERS = List.of("/fixtures/exchanges/", "/fixtures/exchanges/ws/",
            "/fixtures/listings/");

    private static Path copies;

    private TestData() {
    }

    /**
     * A real response body or feed file by its name, e.g. {@code kraken-ticker-XBTUSD.json} (an exchange's),
     * {@code kraken-ws-trade-update.json} (one WebSocket frame of an exchange's) or {@code ebay-search-rtx3090.json}
     * (a marketplace's): names are unique across the folders.
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

    /**
     * The resource as a file, for code that reads paths (importers, file feeds). Inside the reactor this module's
     * resources are a jar ({@code mvn verify} packages it), so a resource that is not a plain file is copied once,
     * under its own name, to a temporary folder.
     */
    public static synchronized Path path(String resource) {
        URL url = TestData.class.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("test resource " + resource + " has no file path: " + url, e);
            }
        }
        Path copy = copies().resolve(resource.substring(1));
        if (!Files.exists(copy)) {
            try (InputStream in = stream(resource)) {
                Files.createDirectories(copy.getParent());
                Files.copy(in, copy);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy test resource " + resource + " to " + copy, e);
            }
        }
        return copy;
    }

    private static Path copies() {
        if (copies == null) {
            try {
                copies = Files.createTempDirectory("rigwatch-test-data");
                Path folder = copies;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "test-data-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for test resources", e);
            }
        }
        return copies;
    }

    private static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + folder + ": " + e.getMessage());
        }
    }
}
