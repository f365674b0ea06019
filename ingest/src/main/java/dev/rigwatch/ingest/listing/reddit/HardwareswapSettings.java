package dev.rigwatch.ingest.listing.reddit;

import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * How r/hardwareswap is read.
 *
 * @param baseUrl   where reddit's JSON API is ({@value #DEFAULT_BASE_URL})
 * @param pageSize  posts per request, 1 to 100, reddit's maximum ({@value #DEFAULT_PAGE_SIZE})
 * @param maxPages  pages read per poll ({@value #DEFAULT_MAX_PAGES}): the newest {@code pageSize * maxPages} posts
 * @param userAgent sent with every request; reddit throttles or blocks generic ones ({@value #DEFAULT_USER_AGENT})
 */
public record HardwareswapSettings(HttpUrl baseUrl, int pageSize, int maxPages, String userAgent) {

    public static final String DEFAULT_BASE_URL = "https://www.reddit.com";
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int DEFAULT_MAX_PAGES = 3;
    public static final String DEFAULT_USER_AGENT = "rigwatch/0.1 (used-GPU market tracker)";

    public HardwareswapSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(userAgent, "userAgent");
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be within 1..100 (reddit's limit), got " + pageSize);
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
        }
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank: reddit blocks clients that send none");
        }
    }

    public static HardwareswapSettings defaults() {
        return new HardwareswapSettings(HttpUrl.get(DEFAULT_BASE_URL), DEFAULT_PAGE_SIZE, DEFAULT_MAX_PAGES,
                DEFAULT_USER_AGENT);
    }
}
