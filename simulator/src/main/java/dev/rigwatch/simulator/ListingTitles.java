package dev.rigwatch.simulator;

import dev.rigwatch.simulator.SimulatedListing.Kind;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Titles as sellers write them: an eBay title names the board partner, its product line, the model and its memory
 * ({@code ASUS TUF Gaming GeForce RTX 3080 OC 10GB GDDR6X}); a hardwareswap title is the subreddit's
 * {@code [USA-CA] [H] what they have [W] what they want}, shorter and often without the memory. Junk titles name
 * the same cards with the words that make them junk ({@code FOR PARTS}, {@code EMPTY BOX ONLY}, {@code Laptop},
 * {@code Lot of 3}). Every choice is drawn from the {@link Random} passed in, so the market's seed fixes them.
 */
final class ListingTitles {

    private enum Family { GEFORCE, RADEON, DATA_CENTRE, OTHER }

    // Placeholders: {n} the model without its series word (3080, 6800 XT, A100), {v} its memory (10GB), {g} the
    // memory as some boards print it (10G), {mem} the memory type.
    private static final List<String> GEFORCE_EBAY = List.of(
            "ASUS TUF Gaming GeForce RTX {n} OC {v} {mem}",
            "MSI GeForce RTX {n} Gaming X Trio {g}",
            "EVGA GeForce RTX {n} FTW3 Ultra Gaming {v} {mem} Graphics Card",
            "Gigabyte GeForce RTX {n} Eagle OC {v}",
            "ZOTAC Gaming GeForce RTX {n} Trinity {v} {mem}",
            "NVIDIA GeForce RTX {n} Founders Edition {v}",
            "MSI GeForce RTX {n} Ventus 2X {g} OC",
            "ASUS ROG Strix GeForce RTX {n} OC Edition {v}",
            "PNY GeForce RTX {n} {v} XLR8 Gaming REVEL EPIC-X RGB");
    private static final List<String> GEFORCE_SWAP = List.of(
            "EVGA RTX {n} FTW3 Ultra",
            "RTX {n} Founders Edition",
            "MSI RTX {n} Gaming X Trio {v}",
            "Zotac RTX {n} Trinity",
            "ASUS TUF RTX {n} OC {v}",
            "Gigabyte RTX {n} Eagle");
    private static final List<String> RADEON_EBAY = List.of(
            "Sapphire Pulse AMD Radeon RX {n} {v} GDDR6",
            "Sapphire Nitro+ AMD Radeon RX {n} {v} GDDR6",
            "XFX Speedster MERC 319 AMD Radeon RX {n} {v}",
            "PowerColor Red Devil AMD Radeon RX {n} {v} GDDR6",
            "ASRock Phantom Gaming D Radeon RX {n} {v} OC",
            "AMD Radeon RX {n} {v} Reference Graphics Card");
    private static final List<String> RADEON_SWAP = List.of(
            "Sapphire Pulse RX {n}",
            "XFX MERC 319 RX {n}",
            "PowerColor Red Devil RX {n} {v}",
            "RX {n} Reference");
    private static final List<String> DATA_CENTRE_EBAY = List.of(
            "NVIDIA {n} {v} PCIe Tensor Core GPU",
            "NVIDIA Tesla {n} {v} HBM2e PCIe Accelerator",
            "PNY NVIDIA {n} {v} PCIe Data Center GPU",
            "Dell NVIDIA {n} {v} PCIe GPU Accelerator");
    private static final List<String> DATA_CENTRE_SWAP = List.of(
            "NVIDIA {n} {v} PCIe",
            "{n} {v} PCIe, pulled from a server");
    private static final List<String> OTHER_EBAY = List.of("{n} {v} Graphics Card");
    private static final List<String> OTHER_SWAP = List.of("{n} {v}");

    /** Most eBay titles end with the card; some add a word on its state. */
    private static final List<String> EBAY_ENDINGS = List.of("", "", "", "", " - Used", " - Tested Working",
            " w/ Original Box", " - Free Shipping");
    /** What miners add while they sell off their rigs. */
    private static final List<String> MINER_ENDINGS = List.of(" - Ex Mining", " ex-mining rig, tested");

    private static final List<String> EBAY_FOR_PARTS = List.of("{card} - FOR PARTS NOT WORKING",
            "{card} for parts or repair, no display", "{card} - artifacting, sold as is");
    private static final List<String> EBAY_BOX_ONLY = List.of("{card} - EMPTY BOX ONLY", "Retail box only - {card}");
    private static final List<String> EBAY_LAPTOPS = List.of(
            "ASUS ROG Strix G15 Gaming Laptop GeForce RTX {n} 16GB RAM 1TB SSD",
            "MSI Katana Gaming Laptop RTX {n} 15.6in FHD 144Hz");
    private static final List<String> EBAY_BUNDLES = List.of("Lot of {k} {short} mining cards", "{k}x {short} bundle");
    private static final List<String> SWAP_FOR_PARTS = List.of("{short} for parts, no display",
            "{short} (for parts or repair)");
    private static final List<String> SWAP_BOX_ONLY = List.of("{card} box only");
    private static final List<String> SWAP_LAPTOPS = List.of("Gaming laptop with RTX {n}");
    private static final List<String> SWAP_BUNDLES = List.of("{k}x {short}", "Lot of {k} {short}");

    private static final List<String> SWAP_WANTS = List.of("PayPal, Local Cash", "PayPal", "PayPal, Cash");
    private static final Set<String> GDDR6X = Set.of("3070 Ti", "3080", "3080 Ti", "3090", "3090 Ti", "4080", "4090");
    private static final Pattern SERIES = Pattern.compile("(RTX|RX) (.+)");
    /** A100, H100, V100: accelerators sold as bare PCIe cards to servers, not to gamers. */
    private static final Pattern DATA_CENTRE_NAME = Pattern.compile("[AHV]\\d{2,3}\\b.*");
    private static final Pattern SIZE_IN_NAME = Pattern.compile("(.+) (\\d+)GB");

    private ListingTitles() {
    }

    /** An eBay item title. */
    static String ebay(SimulatedGpu gpu, Kind kind, int bundleSize, boolean minersSelling, Random r) {
        String card = fill(pick(boards(gpu, true), r), gpu, bundleSize, "");
        return switch (kind) {
            case CARD -> card + (minersSelling && r.nextBoolean() ? pick(MINER_ENDINGS, r) : pick(EBAY_ENDINGS, r));
            case FOR_PARTS -> fill(pick(EBAY_FOR_PARTS, r), gpu, bundleSize, card);
            case BOX_ONLY -> fill(pick(EBAY_BOX_ONLY, r), gpu, bundleSize, card);
            case LAPTOP -> fill(pick(EBAY_LAPTOPS, r), gpu, bundleSize, card);
            case BUNDLE -> fill(pick(EBAY_BUNDLES, r), gpu, bundleSize, card);
        };
    }

    /** A hardwareswap selling post's title, {@code [USA-CA] [H] <card> [W] PayPal, Local Cash}. */
    static String hardwareswap(SimulatedGpu gpu, Kind kind, int bundleSize, String region, Random r) {
        String card = fill(pick(boards(gpu, false), r), gpu, bundleSize, "");
        String have = switch (kind) {
            case CARD -> card;
            case FOR_PARTS -> fill(pick(SWAP_FOR_PARTS, r), gpu, bundleSize, card);
            case BOX_ONLY -> fill(pick(SWAP_BOX_ONLY, r), gpu, bundleSize, card);
            case LAPTOP -> fill(pick(SWAP_LAPTOPS, r), gpu, bundleSize, card);
            case BUNDLE -> fill(pick(SWAP_BUNDLES, r), gpu, bundleSize, card);
        };
        return "[USA-" + region + "] [H] " + have + " [W] " + pick(SWAP_WANTS, r);
    }

    /** A hardwareswap buying post's title, {@code [USA-NY] [H] PayPal [W] RTX 3090}. */
    static String wanted(SimulatedGpu gpu, String region, Random r) {
        return "[USA-" + region + "] [H] " + pick(SWAP_WANTS, r) + " [W] " + gpu.model();
    }

    /** Laptops exist of GeForce models only; the other models' junk is parts, boxes and bundles. */
    static boolean hasLaptops(SimulatedGpu gpu) {
        return family(gpu) == Family.GEFORCE;
    }

    private static List<String> boards(SimulatedGpu gpu, boolean ebay) {
        return switch (family(gpu)) {
            case GEFORCE -> ebay ? GEFORCE_EBAY : GEFORCE_SWAP;
            case RADEON -> ebay ? RADEON_EBAY : RADEON_SWAP;
            case DATA_CENTRE -> ebay ? DATA_CENTRE_EBAY : DATA_CENTRE_SWAP;
            case OTHER -> ebay ? OTHER_EBAY : OTHER_SWAP;
        };
    }

    private static Family family(SimulatedGpu gpu) {
        Matcher series = SERIES.matcher(gpu.model());
        if (series.matches()) {
            return series.group(1).equals("RTX") ? Family.GEFORCE : Family.RADEON;
        }
        return DATA_CENTRE_NAME.matcher(gpu.model()).matches() ? Family.DATA_CENTRE : Family.OTHER;
    }

    /** The model without its series word or a size that is part of its name: 3080, 6800 XT, A100. */
    private static String number(SimulatedGpu gpu) {
        Matcher series = SERIES.matcher(gpu.model());
        String name = series.matches() ? series.group(2) : gpu.model();
        Matcher sized = SIZE_IN_NAME.matcher(name);
        return sized.matches() ? sized.group(1) : name;
    }

    private static String fill(String template, SimulatedGpu gpu, int bundleSize, String card) {
        String n = number(gpu);
        String vram = gpu.vramGb() + "GB";
        boolean sizeInName = SIZE_IN_NAME.matcher(gpu.model()).matches();
        return template
                .replace("{card}", card)
                .replace("{short}", sizeInName ? gpu.model() : gpu.model() + " " + vram)
                .replace("{n}", n)
                .replace("{v}", vram)
                .replace("{g}", gpu.vramGb() + "G")
                .replace("{mem}", GDDR6X.contains(n) ? "GDDR6X" : "GDDR6")
                .replace("{k}", Integer.toString(bundleSize));
    }

    static <T> T pick(List<T> choices, Random r) {
        return choices.get(r.nextInt(choices.size()));
    }
}
