package dev.rigwatch.app;

import dev.rigwatch.ingest.ListingSettings;
import dev.rigwatch.ingest.listing.ListingPoller;
import dev.rigwatch.ingest.listing.MsrpFloor;
import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.listing.ebay.EbaySettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The used-GPU listing sources of {@code ingest}: which are polled, where, and how often. */
final class ListingOptions {

    private static final Logger log = LoggerFactory.getLogger(ListingOptions.class);

    static final String NONE = "none";
    private static final String EBAY = "ebay";
    private static final String HARDWARESWAP = "hardwareswap";

    @Option(names = "--listing-sources", paramLabel = "ID", split = ",", defaultValue = "ebay,hardwareswap",
            description = "Listing marketplaces to poll: ebay, hardwareswap, or none (operator feeds are added with --feed). "
                    + "eBay needs credentials; without them it is left out with one log line.")
    List<String> sources;

    @Option(names = "--ebay-url", paramLabel = "URL", defaultValue = EbaySettings.DEFAULT_BASE_URL,
            description = "eBay API base URL (the sandbox, a proxy, or the simulator's).")
    String ebayUrl;

    @Option(names = "--ebay-client-id", paramLabel = "ID",
            description = "eBay application keyset's client id (App ID); also read from EBAY_CLIENT_ID.")
    String ebayClientId;

    @Option(names = "--ebay-client-secret", paramLabel = "SECRET",
            description = "eBay application keyset's client secret (Cert ID); also read from EBAY_CLIENT_SECRET. Never printed.")
    String ebayClientSecret;

    @Option(names = "--ebay-queries", paramLabel = "TERMS", split = ",",
            defaultValue = "rtx 3060,rtx 3070,rtx 3080,rtx 3090,rtx 4070,rtx 4080,rtx 4090,rx 6700 xt,rx 6800 xt,rx 7900 xtx",
            description = "eBay searches of one round, one per GPU model.")
    List<String> ebayQueries;

    @Option(names = "--ebay-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "How often a round of eBay searches starts (10 searches of up to 5 pages every 30 min stays within the Browse API's 5,000 calls a day).")
    Duration ebayInterval;

    @Option(names = "--ebay-max-pages", paramLabel = "N", defaultValue = "5",
            description = "Pages of 200 read per search, newest first; a search stopped by this cap still covers everything listed since its oldest listing.")
    int ebayMaxPages;

    @Option(names = "--hardwareswap-url", paramLabel = "URL", defaultValue = HardwareswapSettings.DEFAULT_BASE_URL,
            description = "reddit's base URL (or the simulator's).")
    String hardwareswapUrl;

    @Option(names = "--hardwareswap-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
            description = "How often r/hardwareswap's newest posts are read (3 pages; reddit allows about 10 requests a minute without OAuth).")
    Duration hardwareswapInterval;

    @Option(names = "--feed", paramLabel = "NAME=LOCATION",
            description = "An operator feed: a CSV (.csv) or JSON-lines (.jsonl, .ndjson) file or http(s) URL of listings, re-read every --feed-interval; repeatable. Columns: see the README.")
    Map<String, String> feeds = new LinkedHashMap<>();

    @Option(names = "--feed-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How often each operator feed is re-read.")
    Duration feedInterval;

    @Option(names = "--usd-rates", paramLabel = "RATES",
            description = "USD per unit of each currency listings are priced in, e.g. EUR=1.16,GBP=1.32 (replaces the built-in table; USD is always 1). "
                    + "Default: the built-in table, see the README.")
    String usdRates;

    @Option(names = "--msrp-floor", paramLabel = "FRACTION", defaultValue = "0.15",
            description = "A listing priced (in USD, shipping left out) below this share of its model's launch MSRP is "
                    + "rejected as below-msrp-floor to ingest.rejects instead of counted: at 0.15 an RTX 4090 ($1,599) "
                    + "under $239.85. 0 turns the check off. Default: ${DEFAULT-VALUE}.")
    String msrpFloor;

    ListingSettings settings() {
        Set<String> chosen = chosenSources();
        ListingSettings settings = ListingSettings.none()
                .withUsdRates(usdRates == null ? UsdRates.defaults() : UsdRates.parse(usdRates))
                .withMsrpFloor(MsrpFloor.parse(msrpFloor));
        if (chosen.contains(EBAY)) {
            if (EbaySettings.hasCredentials(ebayClientId, ebayClientSecret)) {
                settings = settings.withEbay(new EbaySettings(HttpUrl.get(ebayUrl), ebayClientId, ebayClientSecret,
                        ebayQueries.stream().map(String::strip).toList(), EbaySettings.DEFAULT_PAGE_SIZE, ebayMaxPages,
                        EbaySettings.DEFAULT_MARKETPLACE_ID), ebayInterval);
            } else {
                log.warn("eBay listings are disabled: no credentials. Set EBAY_CLIENT_ID and EBAY_CLIENT_SECRET (an eBay "
                        + "developer application's production keyset) or --ebay-client-id/--ebay-client-secret to poll them");
            }
        }
        if (chosen.contains(HARDWARESWAP)) {
            HardwareswapSettings defaults = HardwareswapSettings.defaults();
            settings = settings.withHardwareswap(new HardwareswapSettings(HttpUrl.get(hardwareswapUrl),
                    defaults.pageSize(), defaults.maxPages(), defaults.userAgent()), hardwareswapInterval);
        }
        List<OperatorFeedSettings> operatorFeeds = new ArrayList<>();
        feeds.forEach((name, location) -> operatorFeeds.add(OperatorFeedSettings.of(name, location)));
        return settings.withFeeds(operatorFeeds, feedInterval);
    }

    private Set<String> chosenSources() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String source : sources) {
            String id = source.strip().toLowerCase(Locale.ROOT);
            if (!id.equals(NONE) && !id.equals(EBAY) && !id.equals(HARDWARESWAP)) {
                throw new IllegalArgumentException("unknown listing source '" + source + "': choose from ebay, hardwareswap, none");
            }
            if (!id.equals(NONE)) {
                chosen.add(id);
            }
        }
        return chosen;
    }

    /** One line per polled source, for the start of a run. */
    List<String> describe(ListingSettings settings) {
        List<String> lines = new ArrayList<>();
        if (settings.ebay() != null) {
            lines.add("listings from eBay at " + settings.ebay().baseUrl() + ": " + settings.ebay().queries().size()
                    + " searches every " + settings.ebayInterval());
        }
        if (settings.hardwareswap() != null) {
            lines.add("listings from r/hardwareswap at " + settings.hardwareswap().baseUrl() + " every "
                    + settings.hardwareswapInterval());
        }
        settings.feeds().forEach(feed -> lines.add("listings from feed " + feed.name() + " at " + feed.location()
                + " every " + settings.feedInterval()));
        return lines;
    }

    /** {@code 120 listings, 14 skipped {closed=3, want-to-buy=11}, polls {COMPLETE=4}}. */
    static String progress(ListingPoller.Stats stats) {
        return stats.listingsSent() + " listings, " + stats.skipped() + " skipped " + stats.skippedByReason()
                + ", polls " + stats.pollsByOutcome() + ", rejects sent " + stats.rejectsSent()
                + (stats.sendsFailed() > 0 ? ", sends failed " + stats.sendsFailed() : "");
    }
}
