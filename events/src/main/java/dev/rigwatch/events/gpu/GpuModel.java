package dev.rigwatch.events.gpu;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * One GPU model of the {@link GpuCatalogue}.
 *
 * @param vendor         NVIDIA, AMD or Intel
 * @param model          canonical name, e.g. {@code RTX 3080 12GB}: the name listings are classified under
 * @param family         e.g. {@code GeForce RTX 30}, {@code Radeon RX 6000}, {@code Data centre}
 * @param vramGb         memory in GB
 * @param launchMsrpUsd  launch list price in US dollars
 * @param launchDate     month of retail launch
 * @param ethHashrateMhs typical Ethereum hash rate in MH/s; empty where not meaningful (launched after the Merge,
 *                       or too little memory for the DAG)
 * @param powerW         typical board power in watts
 */
public record GpuModel(
        String vendor,
        String model,
        String family,
        int vramGb,
        BigDecimal launchMsrpUsd,
        YearMonth launchDate,
        Optional<BigDecimal> ethHashrateMhs,
        int powerW) {

    public GpuModel {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(launchMsrpUsd, "launchMsrpUsd");
        Objects.requireNonNull(launchDate, "launchDate");
        Objects.requireNonNull(ethHashrateMhs, "ethHashrateMhs");
        if (vramGb <= 0) {
            throw new IllegalArgumentException(model + ": VRAM must be positive, got " + vramGb);
        }
        if (launchMsrpUsd.signum() <= 0) {
            throw new IllegalArgumentException(model + ": launch MSRP must be positive, got " + launchMsrpUsd);
        }
        if (ethHashrateMhs.isPresent() && ethHashrateMhs.get().signum() <= 0) {
            throw new IllegalArgumentException(model + ": hash rate must be positive or blank, got " + ethHashrateMhs.get());
        }
        if (powerW <= 0) {
            throw new IllegalArgumentException(model + ": power must be positive, got " + powerW);
        }
    }
}
