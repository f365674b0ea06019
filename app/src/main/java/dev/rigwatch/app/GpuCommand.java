package dev.rigwatch.app;

import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rigwatch gpu classify|models}: the GPU catalogue and title normaliser, for growing the catalogue from real titles. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "The GPU catalogue and the listing-title normaliser.",
        subcommands = {GpuCommand.Classify.class, GpuCommand.Models.class})
final class GpuCommand {

    @Command(name = "classify", mixinStandardHelpOptions = true,
            header = "Classify listing titles from stdin into catalogue models.",
            description = {"Read listing titles from stdin, one per line, and print one tab-separated line each:",
                    "the title, the model (or -), the confidence, and the reject reason (or -)."})
    static final class Classify implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            TitleNormaliser normaliser = TitleNormaliser.standard();
            PrintStream out = System.out;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String title = in.readLine(); title != null; title = in.readLine()) {
                if (title.isBlank()) {
                    continue;
                }
                Classification result = normaliser.classify(title);
                out.println(String.join("\t", title.replace('\t', ' '),
                        result.model() == null ? "-" : result.model(),
                        String.format(Locale.ROOT, "%.2f", result.confidence()),
                        result.rejectReason() == null ? "-" : result.rejectReason()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "List the catalogue: vendor, model, family, VRAM, launch MSRP and date, Ethereum hash rate, power.")
    static final class Models implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(String.join("\t", "vendor", "model", "family", "vram_gb", "launch_msrp_usd",
                    "launch_date", "eth_hashrate_mhs", "power_w"));
            for (GpuModel model : GpuCatalogue.load().models()) {
                System.out.println(String.join("\t", model.vendor(), model.model(), model.family(),
                        Integer.toString(model.vramGb()), model.launchMsrpUsd().toPlainString(),
                        model.launchDate().toString(),
                        model.ethHashrateMhs().map(Object::toString).orElse("-"), Integer.toString(model.powerW())));
            }
            return 0;
        }
    }
}
