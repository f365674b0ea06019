package dev.rigwatch.ingest.listing.reddit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.gpu.TitleRules;
import dev.rigwatch.ingest.listing.SkippedItem;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.listing.SourceListing;
import dev.rigwatch.ingest.listing.UsdRates;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place an r/hardwareswap post becomes listings, or a skipped item that says why it did not.
 *
 * <p>A post sells GPUs when its flair is not {@code BUYING}, {@code CLOSED} or {@code SOLD}, its title is not
 * marked sold, its {@code [W]} asks for money and its {@code [H]} names a GPU. {@code [H]} is split into items at
 * commas, {@code +}, {@code &}, {@code and}, and at {@code /} between cards; each item that names a GPU model is
 * one listing, whether or not the normaliser will accept it (a card for parts is offered so that the poller's
 * reject says so). An {@code [H]} that is a whole PC or a laptop is not split: its one price is the system's.
 *
 * <p>A card's price is the first one found of: the first price after the card's mention on a line of the body,
 * where the text from the mention to the price names that same card (so a line about the {@code 3080 Ti} is not
 * the {@code 3080}'s); the first price in the card's own part of {@code [H]}; the post's only price, when the
 * card is all the post offers (with a CPU beside it, the one price may be the CPU's).
 */
final class PostMapper {

    private static final String WANT_TO_BUY = "want-to-buy";
    private static final String CLOSED = "closed";
    private static final String TRADING = "trading";
    private static final String NO_GPU = "no-gpu";
    private static final String NO_PRICE = "no-price";
    private static final String MALFORMED_ITEM = "malformed-item";

    /** Listing pages are on the public site whatever host the API was read from. */
    private static final String WEB = "https://www.reddit.com";
    private static final String CONDITION = "Used";
    /** Canadian sellers tag their posts {@code [CAN-ON]} and ask in their own dollars unless they say otherwise. */
    private static final Pattern CANADA = Pattern.compile("^CAN\\b", Pattern.CASE_INSENSITIVE);

    private static final Set<String> CLOSED_FLAIRS = Set.of("CLOSED", "SOLD");
    private static final Pattern MARKED_SOLD = Pattern.compile("\\[\\s*(?i:sold|closed)\\s*\\]|\\bSOLD\\b");
    private static final Pattern MONEY = Pattern.compile(
            "\\$|\\b(?:paypal|pp|cash|venmo|zelle|cash ?app|money|apple ?pay|google ?pay|usd|g&s|f&f)\\b",
            Pattern.CASE_INSENSITIVE);
    // a comma inside a number ($1,050) separates nothing
    private static final Pattern BETWEEN_ITEMS = Pattern.compile("\\s*(?:,(?!\\d{3}(?!\\d))|\\+|&|\\band\\b)\\s*",
            Pattern.CASE_INSENSITIVE);
    // "w/" is "with"
    private static final Pattern SLASH = Pattern.compile("(?<!\\bw)\\s*/\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\s\\-:;|.]+|[\\s\\-:;|]+$");
    private static final Pattern VRAM_SUFFIX = Pattern.compile("\\s+\\d+GB$");
    /** Reasons of the title rules that describe everything a post offers, not one part of it. */
    private static final Set<String> WHOLE_POST = Set.of("whole-system", "laptop");

    /**
     * What one post became.
     *
     * @param createdAt when the post was made, or null when that did not read
     */
    record Mapped(List<SourceListing> listings, List<SkippedItem> skipped, Instant createdAt) {

        static Mapped skip(SkippedItem item, Instant createdAt) {
            return new Mapped(List.of(), List.of(item), createdAt);
        }
    }

    /** Epoch seconds beyond this (about the year 318,000) are no post's time; nor are more than 9 decimals. */
    private static final BigDecimal LAST_EPOCH_SECOND = new BigDecimal("1e13");
    private static final int MAX_SCALE = 9;

    private final TitleNormaliser normaliser;

    PostMapper(TitleNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /**
     * @param pageUrl    the page the post came in, named by a skip when the post has no page of its own
     * @param observedAt when that page arrived
     */
    Mapped map(RedditListing.Thing thing, String pageUrl, Instant observedAt) {
        if (thing == null || !"t3".equals(thing.kind()) || thing.data() == null || !thing.data().isObject()) {
            String raw = String.valueOf(Json.mapper().<JsonNode>valueToTree(thing));
            String kind = thing == null ? "null" : "kind " + thing.kind();
            return Mapped.skip(new SkippedItem(null, MALFORMED_ITEM, "not a post: " + kind, pageUrl, raw, observedAt),
                    null);
        }
        String raw = thing.data().toString();
        RedditPost post;
        try {
            post = Json.mapper().treeToValue(thing.data(), RedditPost.class);
        } catch (JsonProcessingException e) {
            String id = thing.data().path("id").isTextual() ? thing.data().get("id").asText() : null;
            return Mapped.skip(new SkippedItem(id, MALFORMED_ITEM, "post does not read: " + e.getOriginalMessage(),
                    pageUrl, raw, observedAt), null);
        }
        Optional<String> missing = missingField(post);
        if (missing.isPresent()) {
            return Mapped.skip(new SkippedItem(post.id(), MALFORMED_ITEM, "field " + missing.get() + " is missing",
                    pageUrl, raw, observedAt), null);
        }
        Instant createdAt;
        try {
            // seconds, sent as a float, to the millisecond; rounding 1e999999999 or 1e-999999999 would never end
            BigDecimal seconds = post.createdUtc();
            if (seconds.abs().compareTo(LAST_EPOCH_SECOND) > 0 || seconds.scale() > MAX_SCALE) {
                throw new ArithmeticException("out of range");
            }
            createdAt = Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException | DateTimeException e) {
            return Mapped.skip(new SkippedItem(post.id(), MALFORMED_ITEM,
                    "created_utc " + TickValidator.text(post.createdUtc()) + " is not a time", pageUrl, raw, observedAt),
                    null);
        }
        return new PostRules(post, createdAt, raw, observedAt).apply();
    }

    private static Optional<String> missingField(RedditPost post) {
        if (post.id() == null || post.id().isBlank()) {
            return Optional.of("id");
        }
        if (post.title() == null) {
            return Optional.of("title");
        }
        if (post.createdUtc() == null) {
            return Optional.of("created_utc");
        }
        if (post.permalink() == null) {
            return Optional.of("permalink");
        }
        return Optional.empty();
    }

    /** The rules applied to one post that read. */
    private final class PostRules {
        private final RedditPost post;
        private final Instant listedAt;
        private final String raw;
        private final Instant observedAt;
        private final String url;
        private final String body;

        PostRules(RedditPost post, Instant listedAt, String raw, Instant observedAt) {
            this.post = post;
            this.listedAt = listedAt;
            this.raw = raw;
            this.observedAt = observedAt;
            this.url = WEB + post.permalink();
            this.body = post.selftext() == null ? "" : post.selftext();
        }

        Mapped apply() {
            String flair = post.linkFlairText() == null ? "" : post.linkFlairText().strip().toUpperCase(Locale.ROOT);
            if (flair.equals("BUYING")) {
                return skip(WANT_TO_BUY, "flair BUYING");
            }
            if (CLOSED_FLAIRS.contains(flair)) {
                return skip(CLOSED, "flair " + flair);
            }
            if (MARKED_SOLD.matcher(post.title()).find()) {
                return skip(CLOSED, "title marked sold: " + post.title());
            }
            Optional<SwapTitle> parsed = SwapTitle.parse(post.title());
            if (parsed.isEmpty()) {
                return skip(MALFORMED_ITEM, "title has no [H] and [W] parts: " + post.title());
            }
            SwapTitle title = parsed.get();
            List<String> items = items(title.have());
            List<String> cards = items.stream().filter(PostMapper.this::namesGpu).toList();
            if (cards.isEmpty() && MONEY.matcher(title.have()).find()) {
                return skip(WANT_TO_BUY, "[H] offers money and no GPU: " + title.have());
            }
            if (!MONEY.matcher(title.want()).find()) {
                return skip(TRADING, "[W] asks for no money: " + title.want());
            }
            if (cards.isEmpty()) {
                return skip(NO_GPU, "nothing in [H] is a GPU: " + title.have());
            }
            List<SourceListing> listings = new ArrayList<>();
            List<SkippedItem> skipped = new ArrayList<>();
            for (int i = 0; i < cards.size(); i++) {
                String card = cards.get(i);
                String listingId = i == 0 ? post.id() : post.id() + "#" + (i + 1);
                Optional<PriceFinder.Price> price = price(card, items.size() == 1);
                if (price.isPresent()) {
                    String currency = price.get().currency() != null ? price.get().currency() : currencyAt(title.location());
                    listings.add(new SourceListing(listingId, card, CONDITION, false, price.get().amount(), currency,
                            null, post.author(), title.location(), url, listedAt, observedAt, raw));
                } else {
                    skipped.add(new SkippedItem(listingId, NO_PRICE, "no price for \"" + card + "\" in the body or the title",
                            url, raw, observedAt));
                }
            }
            return new Mapped(listings, skipped, listedAt);
        }

        /** @param onlyItem whether the card is all the post offers, so that a price anywhere in it is the card's */
        private Optional<PriceFinder.Price> price(String card, boolean onlyItem) {
            Classification classification = normaliser.classify(card);
            if (classification.model() != null) {
                Optional<PriceFinder.Price> inBody = priceInBody(classification.model());
                if (inBody.isPresent()) {
                    return inBody;
                }
            }
            List<PriceFinder.Price> inTitle = PriceFinder.find(card);
            if (!inTitle.isEmpty()) {
                return Optional.of(inTitle.get(0));
            }
            if (onlyItem) {
                List<PriceFinder.Price> all = PriceFinder.find(post.title() + "\n" + body);
                Set<BigDecimal> amounts = all.stream().map(p -> p.amount().stripTrailingZeros()).collect(Collectors.toSet());
                if (amounts.size() == 1) {
                    return Optional.of(all.get(0));
                }
            }
            return Optional.empty();
        }

        private Optional<PriceFinder.Price> priceInBody(String model) {
            Pattern mention = mentionOf(model);
            for (String line : PriceFinder.maskLinks(body).split("\\R")) {
                List<PriceFinder.Price> prices = PriceFinder.find(line);
                Matcher m = mention.matcher(line);
                while (m.find()) {
                    int end = m.end();
                    Optional<PriceFinder.Price> next = prices.stream().filter(p -> p.start() >= end).findFirst();
                    if (next.isPresent() && sameCard(line.substring(m.start(), next.get().start()), model)) {
                        return next;
                    }
                }
            }
            return Optional.empty();
        }

        private Mapped skip(String reason, String detail) {
            return Mapped.skip(new SkippedItem(post.id(), reason, detail, url, raw, observedAt), listedAt);
        }
    }

    /** The currency of a price that names none: Canadian dollars in a {@code [CAN-..]} post, US dollars elsewhere. */
    static String currencyAt(String location) {
        return location != null && CANADA.matcher(location).find() ? "CAD" : UsdRates.USD;
    }

    /**
     * The items of an {@code [H]}; an item may be a card, other hardware or a remark ({@code original box}).
     */
    List<String> items(String have) {
        String wholeReason = normaliser.classify(have).rejectReason();
        if (wholeReason != null && WHOLE_POST.contains(wholeReason)) {
            return List.of(have);
        }
        List<String> items = new ArrayList<>();
        for (String part : BETWEEN_ITEMS.split(have)) {
            List<String> slashed = Arrays.stream(SLASH.split(part)).map(PostMapper::trimmed).toList();
            if (slashed.size() > 1 && slashed.stream().allMatch(this::namesGpu)) {
                items.addAll(slashed);
            } else {
                items.add(trimmed(part));
            }
        }
        return items.stream().filter(item -> !item.isEmpty()).toList();
    }

    /**
     * Whether {@code text} names a catalogue model at all, whatever else it says (for parts, 2x, a whole PC). The
     * normaliser answers exactly that for the wanted part of a swap title, which it reads for models only: a title
     * that has nothing and wants {@code text} is a want-to-buy when {@code text} names a model.
     */
    private boolean namesGpu(String text) {
        return TitleNormaliser.WANT_TO_BUY.equals(normaliser.classify("[H] [W] " + text).rejectReason());
    }

    /** Whether {@code text} (from a mention of a model number to a price) names {@code model}, in any VRAM size. */
    private boolean sameCard(String text, String model) {
        String named = normaliser.classify(text).model();
        return named != null && withoutVram(named).equals(withoutVram(model));
    }

    /**
     * Where a line mentions the model's number ({@code 3080}, {@code A770}): the first token of its name with a
     * digit in it, standing alone or after letters ({@code RTX3080}).
     */
    private static Pattern mentionOf(String model) {
        String number = Arrays.stream(TitleRules.normalise(model).split(" "))
                .filter(token -> token.chars().anyMatch(Character::isDigit))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("catalogue model " + model + " has no number"));
        String notInsideAWord = Character.isLetter(number.charAt(0)) ? "(?<![a-z0-9])" : "(?<![0-9])";
        return Pattern.compile(notInsideAWord + Pattern.quote(number) + "(?![0-9])", Pattern.CASE_INSENSITIVE);
    }

    private static String withoutVram(String model) {
        return VRAM_SUFFIX.matcher(model).replaceFirst("");
    }

    private static String trimmed(String item) {
        return EDGE_PUNCTUATION.matcher(item).replaceAll("");
    }
}
