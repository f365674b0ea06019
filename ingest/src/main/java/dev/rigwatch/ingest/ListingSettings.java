package dev.rigwatch.ingest;

import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Which used-GPU listing sources an ingest worker polls, and how often.
 *
 * @param ebay                 eBay's Browse API, or null when it is not polled (no credentials, or not chosen)
 * @param ebayInterval         how often a round of every eBay query starts (default 30 min: 10 queries of at most 5
 *                             pages each is at most 2,400 calls a day, half the Browse API's default 5,000)
 * @param hardwareswap         r/hardwareswap, or null when it is not polled
 * @param hardwareswapInterval how often its newest posts are read (default 2 min: 3 pages a poll stays far below
 *                             reddit's ~10 requests a minute for clients without OAuth)
 * @param feeds                operator feeds, each re-read every {@code feedInterval}
 * @param feedInterval         default 5 min
 * @param usdRates             rates that convert listing prices to USD
 * @param msrpFloor            the share of a model's launch MSRP below which a listing is rejected, not counted
 */
public record ListingSettings(
        EbaySettings ebay,
        Duration ebayInterval,
        HardwareswapSettings hardwareswap,
        Duration hardwareswapInterval,
        List<OperatorFeedSettings> feeds,
        Duration feedInterval,
        UsdRates usdRates,
        MsrpFloor msrpFloor) {

    public static final Duration DEFAULT_EBAY_INTERVAL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_HARDWARESWAP_INTERVAL = Duration.ofMinutes(2);
    public static final Duration DEFAULT_FEED_INTERVAL = Duration.ofMinutes(5);
    /** The eBay searches of one round: the cards most traded used, one query per model. */
    public static final List<String> DEFAULT_EBAY_QUERIES = List.of("rtx 3060", "rtx 3070", "rtx 3080", "rtx 3090",
            "rtx 4070", "rtx 4080", "rtx 4090", "rx 6700 xt", "rx 6800 xt", "rx 7900 xtx");

    public ListingSettings {
        IngestSettings.requirePositive("eBay interval", ebayInterval);
        IngestSettings.requirePositive("hardwareswap interval", hardwareswapInterval);
        IngestSettings.requirePositive("feed interval", feedInterval);
        feeds = List.copyOf(feeds);
        Objects.requireNonNull(usdRates, "usdRates");
        Objects.requireNonNull(msrpFloor, "msrpFloor");
        if (feeds.stream().map(OperatorFeedSettings::name).distinct().count() != feeds.size()) {
            throw new IllegalArgumentException("operator feeds need distinct names: " + feeds);
        }
    }

    /** No listing source: a crypto-only worker. */
    public static ListingSettings none() {
        return new ListingSettings(null, DEFAULT_EBAY_INTERVAL, null, DEFAULT_HARDWARESWAP_INTERVAL, List.of(),
                DEFAULT_FEED_INTERVAL, UsdRates.defaults(), MsrpFloor.defaults());
    }

    public boolean any() {
        return ebay != null || hardwareswap != null || !feeds.isEmpty();
    }

    public ListingSettings withEbay(EbaySettings settings, Duration interval) {
        return new ListingSettings(settings, interval, hardwareswap, hardwareswapInterval, feeds, feedInterval, usdRates, msrpFloor);
    }

    public ListingSettings withHardwareswap(HardwareswapSettings settings, Duration interval) {
        return new ListingSettings(ebay, ebayInterval, settings, interval, feeds, feedInterval, usdRates, msrpFloor);
    }

    public ListingSettings withFeeds(List<OperatorFeedSettings> operatorFeeds, Duration interval) {
        return new ListingSettings(ebay, ebayInterval, hardwareswap, hardwareswapInterval, operatorFeeds, interval,
                usdRates, msrpFloor);
    }

    /** eBay and r/hardwareswap at one base URL: the simulator's, which serves both APIs (their paths differ). */
    public ListingSettings withBaseUrl(HttpUrl url) {
        EbaySettings movedEbay = ebay == null ? null : new EbaySettings(url, ebay.clientId(), ebay.clientSecret(),
                ebay.queries(), ebay.pageSize(), ebay.maxPages(), ebay.marketplaceId());
        HardwareswapSettings movedSwap = hardwareswap == null ? null : new HardwareswapSettings(url,
                hardwareswap.pageSize(), hardwareswap.maxPages(), hardwareswap.userAgent());
        return new ListingSettings(movedEbay, ebayInterval, movedSwap, hardwareswapInterval, feeds, feedInterval,
                usdRates, msrpFloor);
    }

    public ListingSettings withUsdRates(UsdRates rates) {
        return new ListingSettings(ebay, ebayInterval, hardwareswap, hardwareswapInterval, feeds, feedInterval, rates,
                msrpFloor);
    }

    public ListingSettings withMsrpFloor(MsrpFloor floor) {
        return new ListingSettings(ebay, ebayInterval, hardwareswap, hardwareswapInterval, feeds, feedInterval, usdRates,
                floor);
    }
}
