package dev.rigwatch.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.sun.net.httpserver.HttpExchange;
import dev.rigwatch.simulator.SimulatedListing.Venue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * r/hardwareswap's {@code GET /r/hardwareswap/new.json?limit=&after=}: the subreddit's newest posts first, as
 * reddit's Listing JSON, made from a {@link ListingMarket}'s hardwareswap listings (selling posts, flair
 * {@code SELLING}, the price in the body as sellers write it: {@code **$750 shipped**}, {@code Asking $750 shipped},
 * {@code 750 shipped}) and its want-to-buy posts (flair {@code BUYING}).
 *
 * <p>A listing that has sold keeps its post and title, with flair {@code CLOSED} and the body edited to say so; a
 * price cut rewrites the price in the body and adds {@code Edit: price drop.} Only the newest {@value #KEPT_POSTS}
 * posts are listed. {@code limit} is 25 by default and at most 100 (reddit quietly clamps it); {@code after} is
 * {@code t3_<id>} of the last post seen, and a post that has dropped out of the newest {@value #KEPT_POSTS} (or an
 * id that is no post) gives an empty page, as on reddit; {@code before} and {@code count} are not simulated.
 *
 * <p>Reddit wants a descriptive {@code User-Agent}: a request without one, or with a JVM HTTP library's default
 * ({@code okhttp/...}, {@code Java-http-client/...}, {@code Java/...}), is answered 403
 * {@code {"message": "Forbidden", "error": 403}} (reddit answers such clients 403 or 429; the simulator picks 403 so
 * that it is never mistaken for its rate limit).
 */
final class HardwareswapApi extends SimulatedApi {

    static final String PATH = "/r/hardwareswap/new.json";
    static final String FAULTS = "hardwareswap new";
    static final int KEPT_POSTS = 500;
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final String SELLING = "SELLING";
    static final String BUYING = "BUYING";
    static final String CLOSED = "CLOSED";

    private static final Pattern LIBRARY_DEFAULT_AGENT = Pattern.compile("(okhttp|Java-http-client|Java)/.*");
    private static final Pattern NOT_A_SLUG_CHARACTER = Pattern.compile("[^a-z0-9]+");
    private static final int SLUG_LENGTH = 50;
    private static final List<String> SELLING_BODIES = List.of(
            "Timestamps: https://imgur.com/a/{img}\n\n{card}, used for gaming only, never mined. **{price} shipped** "
                    + "CONUS.\n\nComment before PM.",
            "Timestamps: https://imgur.com/a/{img}\n\nAsking {price} shipped. Works perfectly, repasted last "
                    + "month.\n\nPlease comment before you PM.",
            "Timestamps: https://imgur.com/a/{img}\n\nUpgraded, so this has to go: {bare} shipped, or local "
                    + "pickup.\n\nPayPal G&S only.");

    @JsonPropertyOrder({"kind", "data"})
    record ListingJson(String kind, Page data) {
    }

    @JsonPropertyOrder({"after", "dist", "modhash", "geo_filter", "children"})
    record Page(String after, int dist, String modhash, @JsonProperty("geo_filter") Object geoFilter,
                List<Child> children) {
    }

    @JsonPropertyOrder({"kind", "data"})
    record Child(String kind, PostJson data) {
    }

    @JsonPropertyOrder({"subreddit", "selftext", "author_fullname", "title", "link_flair_text", "name", "id",
            "author", "created_utc", "permalink", "url", "num_comments", "over_18"})
    record PostJson(String subreddit, String selftext, @JsonProperty("author_fullname") String authorFullname,
                    String title, @JsonProperty("link_flair_text") String linkFlairText, String name, String id,
                    String author, @JsonProperty("created_utc") BigDecimal createdUtc, String permalink, String url,
                    @JsonProperty("num_comments") int numComments, @JsonProperty("over_18") boolean over18) {
    }

    @JsonPropertyOrder({"message", "error"})
    record ErrorJson(String message, int error) {
    }

    /** A post of the feed: a selling post (a listing) or a buying post. */
    private record Post(long serial, SimulatedListing listing, WantedPost wanted) {
    }

    private final ListingMarket market;

    HardwareswapApi(ListingMarket market, FaultPlan faults, ScheduledExecutorService delayer) {
        super(faults, delayer);
        this.market = market;
    }

    @Override
    List<String> contexts() {
        return List.of("/r/hardwareswap/");
    }

    @Override
    Optional<Operation> operation(String path) {
        return path.equals(PATH) ? Optional.of(new Operation("GET", FAULTS, this::newPosts)) : Optional.empty();
    }

    private Reply newPosts(HttpExchange http) {
        String agent = http.getRequestHeaders().getFirst("User-Agent");
        if (agent == null || agent.isBlank() || LIBRARY_DEFAULT_AGENT.matcher(agent).matches()) {
            return error(403, "Forbidden");
        }
        Query query;
        try {
            query = Query.parse(http.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return error(400, "Bad Request");
        }
        int limit = limit(query.get("limit"));
        Instant now = market.clock().now();
        List<Post> kept = newestPosts(now);
        int from = 0;
        Optional<String> after = query.get("after");
        if (after.isPresent()) {
            long afterSerial = serialOf(after.get());
            from = kept.size();
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).serial() == afterSerial) {
                    from = i + 1;
                    break;
                }
            }
        }
        int to = Math.min(from + limit, kept.size());
        List<Child> children = new ArrayList<>();
        for (Post post : kept.subList(from, to)) {
            PostJson data = post.listing() != null ? selling(post.listing(), now) : buying(post.wanted());
            children.add(new Child("t3", data));
        }
        String nextAfter = to < kept.size() ? children.get(children.size() - 1).data().name() : null;
        return Reply.json(200, new ListingJson("Listing", new Page(nextAfter, children.size(), "", null, children)));
    }

    /** Reddit ignores a limit that is no number and clamps one out of range. */
    private static int limit(Optional<String> value) {
        try {
            return value.map(v -> Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(v)))).orElse(DEFAULT_LIMIT);
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /** The serial of {@code t3_<base-36 id>}, or -1 for anything else, which matches no post. */
    private static long serialOf(String fullname) {
        if (!fullname.startsWith("t3_")) {
            return -1;
        }
        try {
            return Long.parseLong(fullname.substring(3), 36);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The newest {@value #KEPT_POSTS} posts made by {@code now}, newest first. */
    private List<Post> newestPosts(Instant now) {
        List<Post> kept = new ArrayList<>();
        for (long minute = ListingMarket.minuteOf(now); minute >= market.openedMinute() && kept.size() < KEPT_POSTS;
             minute--) {
            ListingGenerator.Minute created = market.minute(minute);
            List<Post> posts = new ArrayList<>();
            for (SimulatedListing listing : created.listings()) {
                if (listing.venue() == Venue.HARDWARESWAP && !listing.createdAt().isAfter(now)) {
                    posts.add(new Post(listing.serial(), listing, null));
                }
            }
            for (WantedPost wanted : created.wanted()) {
                if (!wanted.createdAt().isAfter(now)) {
                    posts.add(new Post(wanted.serial(), null, wanted));
                }
            }
            posts.sort(Comparator.comparingLong(Post::serial).reversed());
            kept.addAll(posts);
        }
        return kept.size() > KEPT_POSTS ? kept.subList(0, KEPT_POSTS) : kept;
    }

    private PostJson selling(SimulatedListing listing, Instant now) {
        Random cosmetic = cosmetic(listing.serial());
        String imgur = Long.toString(cosmetic.nextLong() & 0xFF_FFFF_FFFFL, 36);
        int comments = cosmetic.nextInt(16);
        boolean sold = !listing.soldAt().isAfter(now);
        String body;
        if (sold) {
            body = "Sold to u/" + ListingTitles.pick(List.of("gpu_hunter", "budget_builder", "sff_enjoyer",
                    "frame_chaser"), cosmetic) + "_" + cosmetic.nextInt(100) + ", thanks!";
        } else {
            BigDecimal price = listing.priceAt(now).setScale(0, RoundingMode.HALF_EVEN);
            String title = listing.title();
            String card = title.substring(title.indexOf("[H] ") + 4, title.indexOf(" [W]"));
            body = SELLING_BODIES.get((int) (listing.serial() % SELLING_BODIES.size()))
                    .replace("{img}", imgur)
                    .replace("{card}", card)
                    .replace("{price}", "$" + price.toPlainString())
                    .replace("{bare}", price.toPlainString());
            if (listing.cut() != null && !now.isBefore(listing.cut().at())) {
                body += "\n\nEdit: price drop.";
            }
        }
        return post(listing.serial(), listing.title(), body, sold ? CLOSED : SELLING, listing.seller(),
                listing.createdAt(), comments);
    }

    private PostJson buying(WantedPost wanted) {
        String body = "Looking for a " + wanted.model() + ", ideally not used for mining. Budget around $"
                + wanted.budget().toPlainString() + " shipped.\n\nPayPal G&S, comment then PM.";
        return post(wanted.serial(), wanted.title(), body, BUYING, wanted.author(), wanted.createdAt(),
                cosmetic(wanted.serial()).nextInt(8));
    }

    private static PostJson post(long serial, String title, String body, String flair, String author,
                                 Instant createdAt, int comments) {
        String id = Long.toString(serial, 36);
        String permalink = "/r/hardwareswap/comments/" + id + "/" + slug(title) + "/";
        return new PostJson("hardwareswap", body, "t2_" + Integer.toUnsignedString(author.hashCode(), 36), title,
                flair, "t3_" + id, id, author, BigDecimal.valueOf(createdAt.getEpochSecond()).setScale(1), permalink,
                "https://www.reddit.com" + permalink, comments, false);
    }

    /** Reddit's URL slug of a title: {@code usaca_h_rtx_3080_founders_edition_w_paypal_local}. */
    static String slug(String title) {
        String slug = NOT_A_SLUG_CHARACTER.matcher(title.toLowerCase(Locale.ROOT)).replaceAll("_");
        slug = slug.replaceAll("^_+|_+$", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("_+$", "");
        }
        return slug;
    }

    /** Draws for what only dresses a post up (photo link, comment count), fixed by the market's seed. */
    private Random cosmetic(long serial) {
        return new Random(Noise.bits(market.seed(), FAULTS, serial, Noise.Use.LISTINGS));
    }

    @Override
    Reply notFound() {
        return error(404, "Not Found");
    }

    @Override
    Reply error(int status, String message) {
        return Reply.json(status, new ErrorJson(message, status));
    }

    @Override
    Reply rateLimited() {
        return error(429, "Too Many Requests").withHeader("Retry-After", "1")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", "1");
    }
}
