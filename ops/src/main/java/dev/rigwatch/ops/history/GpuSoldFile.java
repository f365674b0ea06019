package dev.rigwatch.ops.history;

import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.io.IOException;
import dev.rigwatch.ingest.resilience.TickValidator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A used-GPU sold-price index: one row per model and month with the average sold price and the quantity sold, as
 * Tom's Hardware publishes eBay's ({@code GPU,eBay Price,QTY Sold,Month}). Each row becomes a {@link GpuSoldPrice}:
 * key {@code model:<m>}, period the calendar month in UTC, record timestamp the month's end. Rows are written in
 * month order, whatever order the file has.
 *
 * <p>Columns, by name in any case, others ignored: the model {@code gpu} (or {@code model}, {@code card}); the price
 * {@code ebay price} (or {@code price}, {@code average price}, {@code avg price}, {@code sold price}) in US dollars,
 * {@code $} and thousands commas allowed ({@code "$1,114"}); the quantity {@code qty sold} (or {@code quantity sold},
 * {@code quantity}, {@code qty}), optional, 0 when absent; the month {@code month} ({@code April 2022},
 * {@code Apr 2022} or {@code 2022-04}).
 *
 * <p>The model is the catalogue model the name is, without a brand word ({@code GeForce RTX 3080} is
 * {@code RTX 3080}), or the one the title normaliser classifies it as with certainty (model and VRAM both named:
 * {@code GeForce RTX 3060 12GB} is the catalogue's RTX 3060). A name the normaliser could only approximate
 * ({@code GeForce GTX 1650 GDDR6}) is a bad row: an index row names one exact card, and a guess would put two rows
 * under one model and month. A row without a price ({@code —}) is a bad row too: there is nothing to import.
 */
final class GpuSoldFile {

    static final List<String> NAME = List.of("gpu", "model", "card");
    static final List<String> PRICE = List.of("ebay price", "price", "average price", "avg price", "sold price");
    static final List<String> QUANTITY = List.of("qty sold", "quantity sold", "quantity", "qty");
    static final List<String> MONTH = List.of("month");
    static final String UNKNOWN_MODEL = TitleNormaliser.UNKNOWN_MODEL;
    private static final List<String> BRANDS = List.of("geforce ", "radeon ", "intel ", "nvidia ", "amd ");
    private static final Pattern DOLLARS = Pattern.compile("\\$?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+");
    private static final DateTimeFormatter MONTH_FORMS = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("[MMMM uuuu][MMM uuuu][uuuu-MM]")
            .toFormatter(Locale.ENGLISH);

    private final Path file;
    private final TitleNormaliser normaliser;
    private final Map<String, GpuModel> modelsByLowerName;

    GpuSoldFile(Path file, TitleNormaliser normaliser) {
        this.file = file;
        this.normaliser = normaliser;
        this.modelsByLowerName = normaliser.catalogue().models().stream()
                .collect(Collectors.toMap(m -> m.model().toLowerCase(Locale.ROOT), Function.identity()));
    }

    private record Columns(Header header, int name, int price, int quantity, int month) {}

    void importTo(RowSink run) throws IOException {
        Header header = CsvFile.header(file);
        Columns columns = new Columns(header, header.find(NAME), header.find(PRICE), header.find(QUANTITY),
                header.find(MONTH));
        if (columns.name < 0 || columns.price < 0 || columns.month < 0) {
            throw new ImportRefusedException("GPU sold prices need a model column " + NAME + ", a price column " + PRICE
                    + " and a month column; the header is " + header);
        }
        String source = file.getFileName().toString();
        // indexes are published sorted by card or by month name; a model's months must reach the topic in order
        TimeOrderedSink sorted = new TimeOrderedSink(run);
        CsvFile.rows(file, record -> {
            if (record.error() != null) {
                sorted.rejected(new BadRow(record.line(), BadRow.MALFORMED, record.error(), record.raw()));
                return;
            }
            try {
                GpuSoldPrice sold = sold(columns, record.fields(), source);
                sorted.imported(record.line(), Topics.GPU_SOLD_PRICES, sold.key(), sold, sold.periodEnd());
            } catch (UnknownModel e) {
                sorted.rejected(new BadRow(record.line(), UNKNOWN_MODEL, e.getMessage(), record.raw()));
            } catch (IllegalArgumentException e) {
                sorted.rejected(new BadRow(record.line(), BadRow.MALFORMED, e.getMessage(), record.raw()));
            }
        });
        sorted.flush();
    }

    private static final class UnknownModel extends RuntimeException {
        UnknownModel(String message) {
            super(message, null, false, false);
        }
    }

    private GpuSoldPrice sold(Columns c, List<String> fields, String source) {
        if (fields.size() != c.header().size()) {
            throw new IllegalArgumentException("expected " + c.header().size() + " fields as in the header, got "
                    + fields.size());
        }
        String name = fields.get(c.name);
        String priceText = fields.get(c.price);
        if (!DOLLARS.matcher(priceText).matches()) {
            throw new IllegalArgumentException(priceText.isEmpty() || priceText.chars().noneMatch(Character::isDigit)
                    ? c.header().name(c.price) + " has no price (\"" + priceText + "\")"
                    : c.header().name(c.price) + " \"" + priceText + "\" is not a dollar amount like $1,114 or 1114.50");
        }
        BigDecimal price = new BigDecimal(priceText.replace("$", "").replace(",", ""));
        String absurd = TickValidator.abovePlausibleMaximum(c.header().name(c.price), price);
        if (absurd != null) {
            throw new IllegalArgumentException(absurd);
        }
        long quantity = 0;
        if (c.quantity >= 0) {
            String text = fields.get(c.quantity);
            if (!WHOLE.matcher(text).matches()) {
                throw new IllegalArgumentException(c.header().name(c.quantity) + " \"" + text + "\" is not a whole number");
            }
            quantity = Long.parseLong(text.replace(",", ""));
        }
        YearMonth month = month(c, fields.get(c.month));
        if (name.isEmpty()) {
            throw new IllegalArgumentException(c.header().name(c.name) + " is empty");
        }
        GpuModel model = model(name);
        return new GpuSoldPrice(GpuSoldPrice.VERSION, source, name, model.model(), model.family(), start(month),
                start(month.plusMonths(1)), price, quantity);
    }

    private static YearMonth month(Columns c, String text) {
        try {
            return YearMonth.parse(text, MONTH_FORMS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(c.header().name(c.month) + " \"" + text
                    + "\" is not a month like April 2022, Apr 2022 or 2022-04");
        }
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private GpuModel model(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String brand : BRANDS) {
            if (lower.startsWith(brand)) {
                lower = lower.substring(brand.length());
            }
        }
        GpuModel exact = modelsByLowerName.get(lower);
        if (exact != null) {
            return exact;
        }
        Classification classified = normaliser.classify(name);
        if (classified.model() != null && classified.confidence() == 1.0) {
            return normaliser.catalogue().find(classified.model()).orElseThrow();
        }
        throw new UnknownModel("\"" + name + "\" is not a catalogue model" + (classified.model() == null
                ? " (the title normaliser says " + classified.rejectReason() + ")"
                : " (the title normaliser's nearest is " + classified.model() + ", not certain)"));
    }
}
