package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.testing.TestData;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The monthly eBay sold-price index 2021-2023 ({@code data/ebay-sold-monthly-2021-2023.csv}, from Tom's Hardware's
 * figures): each usable row as a {@link Sold} month of a catalogue model, and every row that is not used accounted for
 * by reason. A tiny explicit parser (jackson-dataformat-csv is not on the streams test classpath): the only quoting in
 * the file is double quotes around prices with a thousands comma ({@code "$1,114"}).
 */
record EbaySoldMonthly(List<Sold> months, List<String> noPrice, List<String> malformedQuantity,
                       List<String> noneSold, List<String> unmapped, Set<String> unmappedNames) {

    static final String RESOURCE = "/data/gpu/ebay-sold-monthly-2021-2023.csv";
    static final String HEADER = "GPU,eBay Price,QTY Sold,Month";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final List<String> BRANDS = List.of("GeForce ", "Radeon ", "Intel ");

    /**
     * The index's names whose catalogue name is not the name without its brand. The RTX 3060 was listed as
     * "RTX 3060 12GB" until April 2022 and as "RTX 3060" from May 2022 (no month has both), the catalogue's RTX 3060
     * being the 12 GB card; the 8 GB RX 5500 XT and the 10 GB RX 6700 are the catalogue's plain names.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "RTX 3060 12GB", "RTX 3060",
            "RX 5500 XT 8GB", "RX 5500 XT",
            "RX 6700 10GB", "RX 6700");

    /** One model's month: the average price its cards sold at and how many sold. */
    record Sold(String model, YearMonth month, BigDecimal averagePriceUsd, int quantity) {
    }

    static EbaySoldMonthly load() throws IOException {
        GpuCatalogue catalogue = GpuCatalogue.load();
        List<Sold> months = new ArrayList<>();
        List<String> noPrice = new ArrayList<>();
        List<String> malformedQuantity = new ArrayList<>();
        List<String> noneSold = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        Set<String> unmappedNames = new TreeSet<>();
        try (BufferedReader csv = new BufferedReader(new InputStreamReader(TestData.stream(RESOURCE), StandardCharsets.UTF_8))) {
            String header = csv.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(RESOURCE + ": expected the header " + HEADER + ", got " + header);
            }
            int row = 1;
            for (String line = csv.readLine(); line != null; line = csv.readLine()) {
                row++;
                List<String> f = fields(line, row);
                String where = "line " + row + ": " + line;
                String name = f.get(0);
                String price = f.get(1);
                String quantity = f.get(2);
                YearMonth month = YearMonth.parse(f.get(3), MONTH);
                // "—", "-" or nothing: the index had no sale to average
                if (!price.startsWith("$")) {
                    noPrice.add(where);
                    continue;
                }
                if (quantity.isEmpty() || !quantity.chars().allMatch(Character::isDigit)) {
                    malformedQuantity.add(where);
                    continue;
                }
                int sold = Integer.parseInt(quantity);
                // an average over no sales is no sold price (the index carried a figure over)
                if (sold == 0) {
                    noneSold.add(where);
                    continue;
                }
                String model = catalogueName(catalogue, name);
                if (model == null) {
                    unmapped.add(where);
                    unmappedNames.add(name);
                    continue;
                }
                months.add(new Sold(model, month, new BigDecimal(price.substring(1).replace(",", "")), sold));
            }
        }
        return new EbaySoldMonthly(List.copyOf(months), List.copyOf(noPrice), List.copyOf(malformedQuantity),
                List.copyOf(noneSold), List.copyOf(unmapped), unmappedNames);
    }

    /** Lines of the file, header included. */
    int lines() {
        return 1 + months.size() + noPrice.size() + malformedQuantity.size() + noneSold.size() + unmapped.size();
    }

    private static String catalogueName(GpuCatalogue catalogue, String indexName) {
        String name = indexName;
        for (String brand : BRANDS) {
            if (name.startsWith(brand)) {
                name = name.substring(brand.length());
            }
        }
        name = ALIASES.getOrDefault(name, name);
        return catalogue.find(name).map(GpuModel::model).orElse(null);
    }

    /** The four fields of a line; a field in double quotes may hold commas. */
    private static List<String> fields(String line, int row) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        if (quoted || fields.size() != 4) {
            throw new IllegalStateException(RESOURCE + " line " + row + ": expected 4 fields, got \"" + line + "\"");
        }
        return fields;
    }
}
