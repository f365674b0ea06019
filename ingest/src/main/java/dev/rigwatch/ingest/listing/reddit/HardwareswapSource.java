package dev.rigwatch.ingest.listing.reddit;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rigwatch.ingest.FetchResult;
import dev.rigwatch.ingest.RejectReason;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.Fields;
import dev.rigwatch.ingest.http.InvalidResponse;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.SingleQuerySource;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.SourcePoll;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * r/hardwareswap's newest posts, {@code GET /r/hardwareswap/new.json?limit=N&raw_json=1&after=t3_...}, newest
 * first, page after page while reddit names a next page, up to {@link HardwareswapSettings#maxPages()}. A poll
 * that stops at the page cap with posts left covers down to its oldest post ({@link SourcePoll#coveredFrom()}):
 * posts older than that are not seen, which says nothing about whether they are still open. A page that fails
 * ends the poll incomplete with the failure; what the pages before it held is kept. {@link PostMapper} holds the
 * rules that make posts listings.
 */
public final class HardwareswapSource extends SingleQuerySource {

    public static final String ID = "hardwareswap";
    public static final String QUERY = "new";
    private static final TypeReference<RedditListing> LISTING = new TypeReference<>() { };

    private final SourceHttpClient http;
    private final HardwareswapSettings settings;
    private final PostMapper posts;
    private final Clock clock;

    public HardwareswapSource(SourceHttpClient http, HardwareswapSettings settings, TitleNormaliser normaliser, Clock clock) {
        super(QUERY);
        this.http = http;
        this.settings = settings;
        this.posts = new PostMapper(normaliser);
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected SourcePoll pollTheQuery() {
        Instant startedAt = clock.instant();
        List<SourceListing> listings = new ArrayList<>();
        List<SkippedItem> skipped = new ArrayList<>();
        Instant oldest = null;
        String after = null;
        int pages = 0;
        try {
            do {
                HttpUrl url = pageUrl(after);
                Page page = http.call(new Request.Builder().url(url).header("User-Agent", settings.userAgent()).build(),
                        Page::read, SourceHttpClient.STATUS_ONLY);
                pages++;
                for (RedditListing.Thing thing : page.children()) {
                    PostMapper.Mapped mapped = posts.map(thing, url.toString(), page.received());
                    listings.addAll(mapped.listings());
                    skipped.addAll(mapped.skipped());
                    oldest = older(oldest, mapped.createdAt());
                }
                after = page.after();
            } while (after != null && pages < settings.maxPages());
        } catch (SourceHttpClient.RequestFailed e) {
            FetchResult.Failure failure = e.failure();
            String reason = failure.reason().code()
                    + (failure.httpStatus() == null ? "" : " (HTTP " + failure.httpStatus() + ")") + " on page " + (pages + 1);
            return new SourcePoll(QUERY, startedAt, clock.instant(), pages, listings, skipped, failure, false, oldest,
                    reason);
        }
        // a next page left unread: the poll reached only as far back as its oldest post
        Instant coveredFrom = after == null ? null : oldest;
        return new SourcePoll(QUERY, startedAt, clock.instant(), pages, listings, skipped, null, true, coveredFrom, null);
    }

    private HttpUrl pageUrl(String after) {
        HttpUrl.Builder url = settings.baseUrl().newBuilder().addPathSegments("r/hardwareswap/new.json")
                .addQueryParameter("limit", Integer.toString(settings.pageSize()))
                .addQueryParameter("raw_json", "1");
        if (after != null) {
            url.addQueryParameter("after", after);
        }
        return url.build();
    }

    private static Instant older(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** One page that read: its posts, the next page's cursor (null on the last) and when it arrived. */
    private record Page(List<RedditListing.Thing> children, String after, Instant received) {

        static Page read(String body, Instant received) throws InvalidResponse {
            RedditListing listing = SourceHttpClient.json(body, LISTING, "a reddit listing");
            if (!"Listing".equals(listing.kind())) {
                throw new InvalidResponse(RejectReason.MALFORMED_JSON, "kind is " + listing.kind() + ", not Listing");
            }
            RedditListing.Data data = Fields.required("data", listing.data());
            List<RedditListing.Thing> children = Fields.required("data.children", data.children());
            String after = data.after() == null || data.after().isBlank() ? null : data.after();
            return new Page(children, after, received);
        }
    }
}
