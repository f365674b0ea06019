package dev.rigwatch.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * What an ingest worker polls and how.
 *
 * @param baseUrl        the exchange API's base URL (the simulator's, in the demo)
 * @param products       product ids to poll, e.g. {@code BTC-USD}
 * @param interval       pause between the end of one poll of a product and the start of its next
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for each read of the response
 */
public record IngestSettings(
        String baseUrl,
        List<String> products,
        Duration interval,
        Duration connectTimeout,
        Duration readTimeout) {

    public static final String COINBASE_BASE_URL = "https://api.exchange.coinbase.com";
    public static final List<String> DEFAULT_PRODUCTS = List.of("BTC-USD", "ETH-USD");
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** BASE-QUOTE, upper case: the form exchanges and {@code CryptoTick.symbol} use. */
    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Z0-9]+-[A-Z0-9]+");

    public IngestSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(products, "products");
        if (HttpUrl.parse(baseUrl) == null) {
            throw new IllegalArgumentException("base URL must be an http(s) URL, was '" + baseUrl + "'");
        }
        products = List.copyOf(products);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("at least one product is needed");
        }
        for (String product : products) {
            if (!PRODUCT_ID.matcher(product).matches()) {
                throw new IllegalArgumentException("product id must look like BTC-USD, was '" + product + "'");
            }
        }
        if (new HashSet<>(products).size() != products.size()) {
            throw new IllegalArgumentException("products are listed more than once: " + products);
        }
        requirePositive("interval", interval);
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
    }

    /** Coinbase's API, BTC-USD and ETH-USD, every second, timeouts 5 s connect and 10 s read. */
    public static IngestSettings defaults() {
        return new IngestSettings(COINBASE_BASE_URL, DEFAULT_PRODUCTS, DEFAULT_INTERVAL, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT);
    }

    public IngestSettings withBaseUrl(String url) {
        return new IngestSettings(url, products, interval, connectTimeout, readTimeout);
    }

    public IngestSettings withProducts(List<String> ids) {
        return new IngestSettings(baseUrl, ids, interval, connectTimeout, readTimeout);
    }

    public IngestSettings withInterval(Duration pause) {
        return new IngestSettings(baseUrl, products, pause, connectTimeout, readTimeout);
    }

    public IngestSettings withTimeouts(Duration connect, Duration read) {
        return new IngestSettings(baseUrl, products, interval, connect, read);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
