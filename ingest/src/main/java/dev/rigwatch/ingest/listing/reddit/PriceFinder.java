package dev.rigwatch.ingest.listing.reddit;

import dev.rigwatch.ingest.listing.UsdRates;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the asking prices in what r/hardwareswap sellers write: {@code $450}, {@code $1,050}, {@code $1.1k},
 * {@code 450$}, {@code 450 shipped}, {@code 450 OBO}, {@code asking 450}, {@code price: 450}.
 *
 * <p>A bare number is never a price: posts are full of model numbers ({@code 3080}), VRAM ({@code 24GB}),
 * years and counts, so a number needs a dollar sign or a selling word next to it. An unmarked number after a
 * series name ({@code RTX 3080 shipped}) is a model; a dollar amount that is a shipping cost ({@code + $15
 * shipping}) or a past price ({@code paid $700}, {@code MSRP $699}) is not what the seller asks; numbers inside
 * links (timestamps on imgur) are not read at all.
 *
 * <p>A price may say its currency: {@code C$450}, {@code CAD $450}, {@code $450 CAD}, {@code 450 cad shipped},
 * {@code $450 USD}; most say none, and then the post's location decides (see {@code PostMapper}).
 */
final class PriceFinder {

    /**
     * A price and where it stands in the text searched.
     *
     * @param currency {@code USD} or {@code CAD} when the text says so next to the amount, otherwise null
     */
    record Price(BigDecimal amount, String currency, int start, int end) {}

    private static final String AMOUNT = "(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d{1,2})?(?!\\d)";
    private static final String THOUSANDS = "(\\s?k\\b)?";
    private static final String NOT_A_MODEL = "(?<!(?:rtx|gtx|rx|arc|radeon|geforce|quadro|titan)\\s?)";
    private static final Pattern PRICE = Pattern.compile(String.join("|",
            // $450, $ 450, $1,050, $450.00, $1.1k
            "\\$\\s?" + AMOUNT + THOUSANDS,
            // 450$, but not the model number before "$300" in "3070 $300"
            "(?<![\\d.,])" + NOT_A_MODEL + AMOUNT + THOUSANDS + "\\s?\\$(?!\\s?\\d)",
            // asking 450, asking price is $450, price: 450, priced at 450
            "\\b(?:asking(?:\\s+price)?|price[d]?(?:\\s+at)?)(?:\\s*(?:is|of|for|:|=|-))*\\s*\\$?\\s?" + NOT_A_MODEL
                    + AMOUNT + THOUSANDS,
            // 450 shipped, 450 OBO, 450 firm, 450 + shipping, 450 usd, 450 cad
            "(?<![\\d.,$])" + NOT_A_MODEL + AMOUNT + THOUSANDS
                    + "\\s*(?:shipped|obo|o\\.b\\.o\\b\\.?|or best offer|or offer|firm|usd|cad|cdn|dollars|bucks|local"
                    + "|net|(?:\\+|plus)\\s*(?:shipping|ship))\\b"),
            Pattern.CASE_INSENSITIVE);
    /** Capturing groups per alternative of {@link #PRICE}: amount, decimals, thousands. */
    private static final int GROUPS_PER_FORM = 3;
    private static final int FORMS = 4;

    private static final Pattern LINK = Pattern.compile(
            "https?://\\S+|\\b(?:www\\.|i\\.)?(?:imgur\\.com|ibb\\.co|postimg\\.cc|prnt\\.sc)/\\S*",
            Pattern.CASE_INSENSITIVE);
    /** Words before a dollar amount that make it something other than the asking price. */
    private static final Pattern NOT_ASKED_BEFORE = Pattern.compile(
            "(?:\\bpaid|\\bmsrp|\\bretails?(?:\\s+(?:for|at))?|\\boriginally|\\bbought(?:\\s+it)?(?:\\s+(?:for|at))?"
                    + "|\\bnew\\s+(?:for|at)|\\bspent|\\bcost\\s+me|\\bworth|\\bsold\\s+(?:\\w+\\s+)?for|\\bgoing\\s+for"
                    + "|\\bshipping(?:\\s+(?:is|of|costs?))?|\\bplus|\\+)\\W{0,3}$",
            Pattern.CASE_INSENSITIVE);
    /** Words after a dollar amount that make it a shipping cost. */
    private static final Pattern SHIPPING_AFTER = Pattern.compile(
            "^\\s*(?:for\\s+|to\\s+)?(?:shipping|ship)\\b", Pattern.CASE_INSENSITIVE);
    private static final int LOOK_BEHIND = 24;
    /** A currency word right before an amount: {@code CAD 450 shipped}, {@code USD $450}. */
    private static final Pattern CURRENCY_WORD_BEFORE = Pattern.compile("\\b(usd|cad|cdn)\\s?\\$?\\s?$",
            Pattern.CASE_INSENSITIVE);
    /** Letters glued to a price's dollar sign: {@code C$450}, {@code CA$450}, {@code US$450}. */
    private static final Pattern DOLLAR_PREFIX = Pattern.compile("\\b(c|ca|us)$", Pattern.CASE_INSENSITIVE);
    /** A currency said right after a price, possibly behind one selling word: {@code $450 shipped CAD}. */
    private static final Pattern CURRENCY_AFTER = Pattern.compile(
            "^\\s*(?:(?:shipped|obo|firm|local)\\s+)?(usd|cad|cdn)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CURRENCY_INSIDE = Pattern.compile("\\b(usd|cad|cdn)\\b", Pattern.CASE_INSENSITIVE);

    private PriceFinder() {
    }

    /** The prices in {@code text} in the order they appear, positive amounts below the plausible maximum only. */
    static List<Price> find(String text) {
        String searched = maskLinks(text);
        List<Price> prices = new ArrayList<>();
        Matcher m = PRICE.matcher(searched);
        while (m.find()) {
            if (isAsked(searched, m)) {
                BigDecimal amount = amount(m);
                // an amount past the plausible maximum is no asking price (a serial, a phone number, a joke)
                if (amount.signum() > 0 && TickValidator.abovePlausibleMaximum("amount", amount) == null) {
                    prices.add(new Price(amount, currency(searched, m), m.start(), m.end()));
                }
            }
        }
        return prices;
    }

    /** {@code text} with every link blanked out, each character kept as a space so positions stay the same. */
    static String maskLinks(String text) {
        return LINK.matcher(text).replaceAll(link -> " ".repeat(link.group().length()));
    }

    private static boolean isAsked(String text, Matcher m) {
        String before = text.substring(Math.max(0, m.start() - LOOK_BEHIND), m.start());
        String after = text.substring(m.end());
        return !NOT_ASKED_BEFORE.matcher(before).find() && !SHIPPING_AFTER.matcher(after).find();
    }

    /** The currency said next to the price {@code m} found, or null. */
    private static String currency(String text, Matcher m) {
        Matcher inside = CURRENCY_INSIDE.matcher(m.group());
        if (inside.find()) {
            return code(inside.group(1));
        }
        Matcher after = CURRENCY_AFTER.matcher(text.substring(m.end()));
        if (after.find()) {
            return code(after.group(1));
        }
        String before = text.substring(Math.max(0, m.start() - 6), m.start());
        Matcher word = CURRENCY_WORD_BEFORE.matcher(before);
        if (word.find()) {
            return code(word.group(1));
        }
        Matcher prefix = DOLLAR_PREFIX.matcher(before);
        if (m.group().startsWith("$") && prefix.find()) {
            return code(prefix.group(1));
        }
        return null;
    }

    private static String code(String said) {
        return switch (said.toLowerCase(Locale.ROOT)) {
            case "usd", "us" -> UsdRates.USD;
            default -> "CAD";
        };
    }

    private static BigDecimal amount(Matcher m) {
        for (int form = 0; form < FORMS; form++) {
            int first = 1 + form * GROUPS_PER_FORM;
            if (m.group(first) != null) {
                String decimals = m.group(first + 1) == null ? "" : m.group(first + 1);
                BigDecimal amount = new BigDecimal(m.group(first).replace(",", "") + decimals);
                return m.group(first + 2) == null ? amount : amount.movePointRight(3);
            }
        }
        throw new IllegalStateException("a price matched without an amount: " + m.group());
    }
}
