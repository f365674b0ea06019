package dev.rigwatch.ops.history;

import dev.rigwatch.ingest.text.TextFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.Json;
import dev.rigwatch.events.ListingObserved;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import dev.rigwatch.events.ListingRecord;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON lines of rigwatch's own events, one event per line: a bare event as it is on its topic, or a line of
 * {@code rigwatch tail} ({@code {"topic": ..., "key": ..., "value": {event}}}), whose topic it takes and whose key and
 * timestamp it ignores. Each event goes to a raw topic with the key and record timestamp its producers give it.
 *
 * <p>The topic of a line: {@link ImportOptions#topic()} when given; else the {@code tail} line's; else told by the
 * fields only that topic's events have: {@code instrument} and {@code windowEnd}: {@code crypto.ohlc};
 * {@code type}: {@code gpu.listings}; {@code periodEnd} and {@code avgPriceUsd}: {@code gpu.sold-prices};
 * {@code exchange}, {@code symbol} and {@code price}: {@code crypto.ticks}.
 */
final class EventLines {

    /** The topics history is imported into; the others are computed from them. */
    static final List<Topic<String, ?>> IMPORTABLE = List.of(Topics.CRYPTO_TICKS, Topics.CRYPTO_OHLC,
            Topics.GPU_LISTINGS, Topics.GPU_SOLD_PRICES);

    private final Path file;
    private final Topic<String, ?> forced;

    EventLines(Path file, String topic) {
        this.file = file;
        this.forced = topic == null ? null : importable(topic);
    }

    static Topic<String, ?> importable(String name) {
        return IMPORTABLE.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new ImportRefusedException("cannot import into topic '" + name + "': import writes "
                        + "the raw topics " + IMPORTABLE.stream().map(Topic::name).collect(Collectors.joining(", "))
                        + "; the others are computed from them"));
    }

    /** Whether a JSON line is a listing in the operator feed's fields rather than an event. */
    static boolean isListingFeedLine(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node.isObject() && node.has("listing_id");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    void importTo(RowSink run) throws IOException {
        TextFiles.nonBlankLines(file, (number, line) -> importLine(run, number, line));
    }

    private void importLine(RowSink run, int line, String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (!node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode event = node;
            Topic<String, ?> topic = forced;
            if (node.has("topic") && node.get("value") != null && node.get("value").isObject()) {
                event = node.get("value");
                if (topic == null) {
                    topic = importable(node.get("topic").asText());
                }
            }
            if (topic == null) {
                topic = inferred(event);
            }
            write(run, line, topic, event);
        } catch (ValueInstantiationException e) {
            // the event's own checks refused it: their message says why
            String why = e.getCause() == null ? e.getOriginalMessage() : e.getCause().getMessage();
            run.rejected(new BadRow(line, BadRow.MALFORMED, "not a valid " + e.getType().getRawClass().getSimpleName()
                    + ": " + why, text));
        } catch (JsonProcessingException e) {
            run.rejected(new BadRow(line, BadRow.MALFORMED, "not an event: " + e.getOriginalMessage(), text));
        } catch (IllegalArgumentException | ImportRefusedException e) {
            run.rejected(new BadRow(line, BadRow.MALFORMED, e.getMessage(), text));
        }
    }

    private static Topic<String, ?> inferred(JsonNode event) {
        List<Topic<String, ?>> matching = IMPORTABLE.stream().filter(t -> looksLike(t, event)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("cannot tell which topic this event is for (" + (matching.isEmpty()
                    ? "it has the fields of none" : "it has the fields of " + matching) + "); give it with --topic");
        }
        return matching.get(0);
    }

    private static boolean looksLike(Topic<String, ?> topic, JsonNode e) {
        if (topic == Topics.CRYPTO_OHLC) {
            return e.has("instrument") && e.has("windowEnd");
        }
        if (topic == Topics.GPU_LISTINGS) {
            return e.has("type");
        }
        if (topic == Topics.GPU_SOLD_PRICES) {
            return e.has("periodEnd") && e.has("avgPriceUsd");
        }
        return e.has("exchange") && e.has("symbol") && e.has("price");
    }

    /** Sends the event with its producers' key and timestamp. */
    private static void write(RowSink run, int line, Topic<String, ?> topic, JsonNode event)
            throws JsonProcessingException {
        if (topic == Topics.CRYPTO_TICKS) {
            CryptoTick tick = Json.mapper().treeToValue(event, CryptoTick.class);
            requirePlausible("price", tick.price());
            if (tick.bid() != null) {
                requirePlausible("bid", tick.bid());
            }
            if (tick.ask() != null) {
                requirePlausible("ask", tick.ask());
            }
            run.imported(line, Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime());
        } else if (topic == Topics.CRYPTO_OHLC) {
            Candle candle = Json.mapper().treeToValue(event, Candle.class);
            if (candle.instrument() == null || candle.windowEnd() == null) {
                throw new IllegalArgumentException("a candle needs its instrument and windowEnd (its key and timestamp)");
            }
            requireSound(candle);
            run.imported(line, Topics.CRYPTO_OHLC, candle.instrument(), candle, candle.windowEnd());
        } else if (topic == Topics.GPU_LISTINGS) {
            ListingRecord record = Json.mapper().treeToValue(event, ListingRecord.class);
            if (record instanceof ListingObserved observed) {
                requirePlausible("price", observed.price());
                requirePlausible("priceUsd", observed.priceUsd());
            }
            if (record instanceof PollCoverage) {
                // as the pollers write it: after the listings it covers, on every partition
                run.importedToEveryPartition(line, Topics.GPU_LISTINGS, record.key(), record, record.eventTime());
            } else {
                run.imported(line, Topics.GPU_LISTINGS, record.key(), record, record.eventTime());
            }
        } else {
            GpuSoldPrice sold = Json.mapper().treeToValue(event, GpuSoldPrice.class);
            requirePlausible("avgPriceUsd", sold.avgPriceUsd());
            run.imported(line, Topics.GPU_SOLD_PRICES, sold.key(), sold, sold.periodEnd());
        }
    }

    /**
     * A candle as an exchange's would be written (see {@code Fields.candle}): a window, plausible prices, open and
     * close within low and high. The events' own constructors check none of it, and nothing does after import.
     */
    private static void requireSound(Candle candle) {
        if (candle.windowStart() == null || !candle.windowStart().isBefore(candle.windowEnd())) {
            throw new IllegalArgumentException("a candle needs a windowStart before its windowEnd");
        }
        requirePlausible("open", candle.open());
        requirePlausible("high", candle.high());
        requirePlausible("low", candle.low());
        requirePlausible("close", candle.close());
        if (candle.low().compareTo(candle.open().min(candle.close())) > 0
                || candle.high().compareTo(candle.open().max(candle.close())) < 0) {
            throw new IllegalArgumentException("open and close are not within low and high");
        }
    }

    /** A price present, positive and not above the ticks' plausible maximum. */
    private static void requirePlausible(String field, BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + " " + TickValidator.text(value) + " is not positive");
        }
        String absurd = TickValidator.abovePlausibleMaximum(field, value);
        if (absurd != null) {
            throw new IllegalArgumentException(absurd);
        }
    }
}
