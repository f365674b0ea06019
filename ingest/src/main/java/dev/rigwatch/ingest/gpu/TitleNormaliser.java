package dev.rigwatch.ingest.gpu;

import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies marketplace listing titles (eBay, r/hardwareswap) as one {@link GpuCatalogue} model, or rejects them.
 *
 * <p>A model is recognised by its catalogue name without the series word and without a trailing VRAM size:
 * {@code RTX 3080 Ti} is looked for as the tokens {@code 3080 ti}, and the longest name wins at each position, so
 * {@code 3080 ti} is never read as {@code 3080}. Models that differ only in VRAM ({@code RTX 3080} and
 * {@code RTX 3080 12GB}) share those tokens and are told apart by the VRAM the title states. Board-partner words
 * (EVGA, FTW3, Founders Edition, Nitro...) need no list: they are simply not model names.
 */
public final class TitleNormaliser {

    /** A model named and its VRAM stated, or a model that has only one VRAM size and none was stated. */
    static final double CERTAIN = 1.0;
    static final double NO_VRAM_STATED = 0.9;
    /** The model has VRAM variants, none was stated, and the one without a size in its name was assumed. */
    static final double VRAM_VARIANT_ASSUMED = 0.7;
    /** A stated VRAM that no variant has (a typo, or system RAM): the model is kept, its variant doubtful. */
    static final double VRAM_CONTRADICTED = 0.6;
    /** Variants with the size in every name (A100 40GB/80GB) and none stated: the first listed was assumed. */
    static final double VARIANT_GUESSED = 0.5;

    public static final String UNKNOWN_MODEL = "unknown-model";
    /** Two different models named, or two VRAM variants of one ("4060 Ti 8GB vs 16GB"). */
    public static final String AMBIGUOUS = "ambiguous";
    /** An r/hardwareswap post that offers money (or other hardware) for a GPU rather than a GPU for sale. */
    public static final String WANT_TO_BUY = "want-to-buy";

    private static final Set<String> SERIES_WORDS = Set.of("gtx", "rtx", "rx", "arc", "tesla", "cmp");
    private static final Pattern VRAM_SUFFIX = Pattern.compile("(.*) (\\d+) gb");
    private static final Pattern VRAM_STATED = Pattern.compile("\\b(\\d{1,3}) (gb|g|gig|gigs)\\b");
    // r/hardwareswap titles: "[USA-CA] [H] what is offered [W] what is wanted"; either part may come first.
    private static final Pattern HAVE = Pattern.compile("\\[h\\](.*?)(?=\\[w\\]|$)", Pattern.DOTALL);
    private static final Pattern WANT = Pattern.compile("\\[w\\](.*?)(?=\\[h\\]|$)", Pattern.DOTALL);

    private final GpuCatalogue catalogue;
    private final TitleRules rules;
    /** Model tokens (e.g. [3080, ti]) to the models that share them. */
    private final Map<List<String>, List<Variant>> modelsByTokens;
    /** Each model's tokens under its first token, longest first: a title token is compared only with these. */
    private final Map<String, List<List<String>>> tokensByFirst;

    private record Variant(GpuModel model, boolean sizeInName) {}

    public TitleNormaliser(GpuCatalogue catalogue, TitleRules rules) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.rules = Objects.requireNonNull(rules, "rules");
        Map<List<String>, List<Variant>> grouped = new LinkedHashMap<>();
        for (GpuModel model : catalogue.models()) {
            String name = TitleRules.normalise(model.model());
            Matcher sized = VRAM_SUFFIX.matcher(name);
            boolean sizeInName = sized.matches();
            String base = sizeInName ? sized.group(1) : name;
            List<String> tokens = Arrays.stream(base.split(" ")).filter(t -> !SERIES_WORDS.contains(t)).toList();
            grouped.computeIfAbsent(tokens, t -> new ArrayList<>()).add(new Variant(model, sizeInName));
        }
        this.modelsByTokens = new LinkedHashMap<>();
        Map<String, List<List<String>>> byFirst = new HashMap<>();
        grouped.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<List<String>, List<Variant>> e) -> e.getKey().size()).reversed())
                .forEach(e -> {
                    modelsByTokens.put(e.getKey(), List.copyOf(e.getValue()));
                    byFirst.computeIfAbsent(e.getKey().get(0), t -> new ArrayList<>()).add(e.getKey());
                });
        this.tokensByFirst = new HashMap<>();
        byFirst.forEach((first, models) -> tokensByFirst.put(first, List.copyOf(models)));
    }

    /** With the catalogue and rules shipped in this jar. */
    public static TitleNormaliser standard() {
        return new TitleNormaliser(GpuCatalogue.load(), TitleRules.load());
    }

    /** The models titles are classified as. */
    public GpuCatalogue catalogue() {
        return catalogue;
    }

    public Classification classify(String title) {
        Objects.requireNonNull(title, "title");
        String lower = title.toLowerCase(Locale.ROOT);
        Matcher have = HAVE.matcher(lower);
        Matcher want = WANT.matcher(lower);
        // contains() first: a regex search costs as much as a reject rule, and few titles are swap posts.
        boolean swapPost = lower.contains("[h]") && lower.contains("[w]") && have.find() && want.find();
        String offered = swapPost ? have.group(1) : lower;

        String searched = rules.withoutIgnored(TitleRules.normalise(offered));
        var reject = rules.rejectReason(searched);
        if (reject.isPresent()) {
            return Classification.rejected(reject.get());
        }
        Set<List<String>> named = modelsNamed(searched);
        if (named.isEmpty()) {
            boolean wantsGpu = swapPost && !modelsNamed(rules.withoutIgnored(TitleRules.normalise(want.group(1)))).isEmpty();
            return Classification.rejected(wantsGpu ? WANT_TO_BUY : UNKNOWN_MODEL);
        }
        if (named.size() > 1) {
            return Classification.rejected(AMBIGUOUS);
        }
        return pickVariant(modelsByTokens.get(named.iterator().next()), statedVram(searched));
    }

    private Set<List<String>> modelsNamed(String searched) {
        List<String> tokens = searched.isEmpty() ? List.of() : List.of(searched.split(" "));
        Set<List<String>> named = new LinkedHashSet<>();
        int i = 0;
        while (i < tokens.size()) {
            List<String> found = longestModelAt(tokens, i);
            if (found == null) {
                i++;
            } else {
                named.add(found);
                i += found.size();
            }
        }
        return named;
    }

    private List<String> longestModelAt(List<String> tokens, int i) {
        for (List<String> model : tokensByFirst.getOrDefault(tokens.get(i), List.of())) {
            if (i + model.size() <= tokens.size() && tokens.subList(i, i + model.size()).equals(model)) {
                return model;
            }
        }
        return null;
    }

    private static Set<Integer> statedVram(String searched) {
        Set<Integer> sizes = new LinkedHashSet<>();
        Matcher m = VRAM_STATED.matcher(searched);
        while (m.find()) {
            sizes.add(Integer.parseInt(m.group(1)));
        }
        return sizes;
    }

    private static Classification pickVariant(List<Variant> variants, Set<Integer> statedVram) {
        List<Variant> stated = variants.stream().filter(v -> statedVram.contains(v.model().vramGb())).toList();
        if (stated.size() > 1) {
            return Classification.rejected(AMBIGUOUS);
        }
        if (stated.size() == 1) {
            return Classification.accepted(stated.get(0).model().model(), CERTAIN);
        }
        Variant unsized = variants.stream().filter(v -> !v.sizeInName()).findFirst().orElse(null);
        if (unsized == null) {
            return Classification.accepted(variants.get(0).model().model(), VARIANT_GUESSED);
        }
        if (!statedVram.isEmpty()) {
            return Classification.accepted(unsized.model().model(), VRAM_CONTRADICTED);
        }
        return Classification.accepted(unsized.model().model(), variants.size() == 1 ? NO_VRAM_STATED : VRAM_VARIANT_ASSUMED);
    }
}
