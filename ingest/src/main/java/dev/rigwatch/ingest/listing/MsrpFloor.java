package dev.rigwatch.ingest.listing;

import dev.rigwatch.events.gpu.GpuModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The lowest price a listing of a card may ask and still count as the card: a fraction of its model's launch MSRP.
 * Below it the listing is almost always something else under the card's name (a cable, a box, a scam, a $1 auction
 * start), and one such price drags a model's median and minimum down, so {@link ListingIntake} rejects it as
 * {@value #BELOW_MSRP_FLOOR}. The item price is compared, shipping left out, in USD.
 *
 * @param fraction of the launch MSRP, at least 0 and below 1; 0 turns the check off
 */
public record MsrpFloor(BigDecimal fraction) {

    public static final String BELOW_MSRP_FLOOR = "below-msrp-floor";
    /** 15 %: a used RTX 4090 ($1,599 at launch) for less than $240, a used RX 580 8GB ($229) for less than $34. */
    public static final BigDecimal DEFAULT_FRACTION = new BigDecimal("0.15");

    public MsrpFloor {
        Objects.requireNonNull(fraction, "fraction");
        if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("the MSRP floor must be a fraction from 0 up to (not including) 1, was "
                    + fraction.toPlainString());
        }
        fraction = fraction.stripTrailingZeros(); // 0.15 and 0.150 are one floor
    }

    public static MsrpFloor defaults() {
        return new MsrpFloor(DEFAULT_FRACTION);
    }

    /** From an option's text, e.g. {@code 0.15}; a message saying what is wrong otherwise. */
    public static MsrpFloor parse(String text) {
        try {
            return new MsrpFloor(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the MSRP floor \"" + text + "\" is not a number, e.g. 0.15", e);
        }
    }

    /** The lowest USD price a listing of {@code model} may ask, rounded to cents. */
    public BigDecimal floorUsd(GpuModel model) {
        return model.launchMsrpUsd().multiply(fraction).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** Why {@code priceUsd} is too low for {@code model}, for a reject's detail; null when it is not. */
    public String belowFloor(GpuModel model, BigDecimal priceUsd) {
        BigDecimal floor = floorUsd(model);
        if (priceUsd.compareTo(floor) >= 0) {
            return null;
        }
        return "price " + priceUsd.toPlainString() + " USD is below " + fraction.toPlainString()
                + " of the " + model.model() + "'s launch MSRP of " + model.launchMsrpUsd().toPlainString() + " USD ("
                + floor.toPlainString() + " USD)";
    }

    @Override
    public String toString() {
        return fraction.toPlainString() + " of launch MSRP";
    }
}
