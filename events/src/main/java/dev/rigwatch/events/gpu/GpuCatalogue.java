package dev.rigwatch.events.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The GPU models rigwatch knows, read from {@code gpu-models.csv} (its header comment documents the columns). */
public final class GpuCatalogue {

    static final String RESOURCE = "/dev/rigwatch/events/gpu/gpu-models.csv";
    static final String HEADER = "vendor,model,family,vram_gb,launch_msrp_usd,launch_date,eth_hashrate_mhs,power_w";
    private static final int FIELDS = 8;

    private final Map<String, GpuModel> byName;

    private GpuCatalogue(Map<String, GpuModel> byName) {
        this.byName = byName;
    }

    /** The catalogue shipped in this jar. */
    public static GpuCatalogue load() {
        try (InputStream in = GpuCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("GPU catalogue " + RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GPU catalogue " + RESOURCE, e);
        }
    }

    /**
     * Parses catalogue lines: {@code #} comments and blank lines are skipped, the first other line must be the
     * header. Fields are never quoted, so splitting on commas is exact.
     *
     * @throws IllegalArgumentException naming {@code source} and the 1-based line number of the first bad line
     */
    public static GpuCatalogue parse(List<String> lines, String source) {
        Map<String, GpuModel> byName = new LinkedHashMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + " line " + (i + 1);
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new IllegalArgumentException(where + ": expected the header \"" + HEADER + "\", got \"" + line + "\"");
                }
                headerSeen = true;
                continue;
            }
            GpuModel model = parseRow(line, where);
            if (byName.putIfAbsent(model.model(), model) != null) {
                throw new IllegalArgumentException(where + ": model \"" + model.model() + "\" is listed twice");
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException(source + ": no header line");
        }
        return new GpuCatalogue(byName);
    }

    private static GpuModel parseRow(String line, String where) {
        // limit -1 keeps trailing empty fields, so a missing power column is a field-count error, not a blank.
        String[] f = line.split(",", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException(where + ": expected " + FIELDS + " fields, got " + f.length + ": \"" + line + "\"");
        }
        for (int c : new int[] {0, 1, 2, 3, 4, 5, 7}) {
            if (f[c].isBlank()) {
                throw new IllegalArgumentException(where + ": column " + HEADER.split(",")[c] + " is empty");
            }
        }
        try {
            return new GpuModel(f[0].strip(), f[1].strip(), f[2].strip(), Integer.parseInt(f[3].strip()),
                    new BigDecimal(f[4].strip()), YearMonth.parse(f[5].strip()),
                    f[6].isBlank() ? Optional.empty() : Optional.of(new BigDecimal(f[6].strip())),
                    Integer.parseInt(f[7].strip()));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage() + ": \"" + line + "\"", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** Every model, in file order. */
    public List<GpuModel> models() {
        return List.copyOf(byName.values());
    }

    public Optional<GpuModel> find(String model) {
        return Optional.ofNullable(byName.get(model));
    }
}
