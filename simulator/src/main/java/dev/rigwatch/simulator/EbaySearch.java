package dev.rigwatch.simulator;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The query of an eBay item search as the simulator reads it: the words a title must have, the category, the
 * filters and sort it supports, and paging, each refused with eBay's own error when eBay would refuse it.
 */
final class EbaySearch {

    private EbaySearch() {
    }

    /** Graphics/Video Cards, the one category every simulated listing is in. */
    static final String CATEGORY_ID = "27386";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 9_999;

    private static final Pattern NOT_A_WORD = Pattern.compile("[^a-z0-9]+");
    /** A filter entry: {@code name:{a|b}}, {@code name:[low..high]} or {@code name:value}. */
    private static final String FILTER_ENTRY = "(\\w+):(\\{[^{}]*}|\\[[^\\[\\]]*]|[^,{}\\[\\]]*)";
    private static final Pattern FILTER = Pattern.compile(FILTER_ENTRY + "(," + FILTER_ENTRY + ")*");
    private static final Pattern FILTER_ENTRIES = Pattern.compile(FILTER_ENTRY);

    /** A search request's parameters, checked. */
    record Search(List<String> words, boolean inCategory, Predicate<SimulatedListing> filter,
                  Function<Instant, Comparator<SimulatedListing>> order, int limit, int offset) {

        /** The listings among {@code open} that have every word and pass the filter, in the asked order. */
        List<SimulatedListing> find(Stream<SimulatedListing> open, Instant now) {
            return open.filter(l -> containsWords(l.title(), words)).filter(filter).sorted(order.apply(now)).toList();
        }
    }

    /** A parameter eBay rejects, with the error it answers. */
    static final class BadRequest extends RuntimeException {
        final int errorId;

        BadRequest(int errorId, String message) {
            super(message, null, false, false);
            this.errorId = errorId;
        }
    }

    /** The search a query asks for; a parameter eBay would refuse throws {@link BadRequest}. */
    static Search parse(Query query) {
        Optional<String> q = query.get("q");
        Optional<String> categories = query.get("category_ids");
        if (q.isEmpty() && categories.isEmpty()) {
            throw new BadRequest(12001, "The call must have a valid 'q', 'category_ids', 'epid', 'gtin', or "
                    + "'charity_ids' query parameter.");
        }
        boolean inCategory = true;
        if (categories.isPresent()) {
            List<String> ids = List.of(categories.get().split(","));
            if (!ids.stream().allMatch(id -> id.strip().matches("\\d+"))) {
                throw new BadRequest(12002, "The 'category_ids' value " + categories.get() + " is invalid.");
            }
            inCategory = ids.stream().anyMatch(id -> id.strip().equals(CATEGORY_ID));
        }
        int limit = number(query.get("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT,
                new BadRequest(12006, "The 'limit' value should be between 1 and " + MAX_LIMIT + " (inclusive)."));
        int offset = number(query.get("offset"), 0, 0, MAX_OFFSET,
                new BadRequest(12007, "The 'offset' value should be between 0 and " + MAX_OFFSET + " (inclusive)."));
        return new Search(words(q.orElse("")), inCategory, filter(query.get("filter")), order(query.get("sort")), limit,
                offset);
    }

    private static int number(Optional<String> value, int absent, int min, int max, BadRequest invalid) {
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw invalid;
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid;
        }
    }

    /** {@code conditionIds:{3000|7000},buyingOptions:{AUCTION}}: every entry must hold. */
    private static Predicate<SimulatedListing> filter(Optional<String> spec) {
        Predicate<SimulatedListing> all = listing -> true;
        if (spec.isEmpty()) {
            return all;
        }
        if (!FILTER.matcher(spec.get()).matches()) {
            throw new BadRequest(12003, "The 'filter' value " + spec.get() + " is invalid.");
        }
        Matcher entries = FILTER_ENTRIES.matcher(spec.get());
        while (entries.find()) {
            String name = entries.group(1);
            Set<String> values = Set.of(entries.group(2).replaceAll("[{}]", "").split("\\|"));
            all = all.and(switch (name) {
                case "conditionIds" -> listing -> values.contains(EbayItems.conditionId(listing));
                case "buyingOptions" -> listing -> EbayItems.buyingOptions(listing).stream().anyMatch(values::contains);
                case "itemLocationCountry" -> listing -> values.contains(listing.country());
                case "priceCurrency" -> listing -> values.contains(listing.currency());
                default -> throw new BadRequest(12003, "The 'filter' value " + spec.get() + " is invalid: the "
                        + "simulator supports conditionIds, buyingOptions, itemLocationCountry and priceCurrency, "
                        + "not " + name + ".");
            });
        }
        return all;
    }

    /** The order of a sort value, as a function of the time whose prices it compares. */
    private static Function<Instant, Comparator<SimulatedListing>> order(Optional<String> sort) {
        Comparator<SimulatedListing> newest = Comparator.comparingLong(SimulatedListing::serial).reversed();
        // absent is newest first too, as eBay's best match is not simulated
        return switch (sort.orElse("newlyListed")) {
            case "newlyListed" -> now -> newest;
            case "price" -> now -> Comparator.comparing((SimulatedListing l) -> l.priceAt(now)).thenComparing(newest);
            case "-price" -> now -> Comparator.comparing((SimulatedListing l) -> l.priceAt(now)).reversed()
                    .thenComparing(newest);
            default -> throw new BadRequest(12004, "The 'sort' value " + sort.get() + " is invalid: the simulator "
                    + "supports newlyListed, price and -price.");
        };
    }

    /** The query's words; a title matches when it has every one of them as a word. */
    static List<String> words(String text) {
        return Arrays.stream(NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))).filter(w -> !w.isEmpty()).toList();
    }

    static boolean containsWords(String title, List<String> words) {
        return new HashSet<>(words(title)).containsAll(words);
    }
}
