package dev.rigwatch.ingest.gpu;

/**
 * What a listing title is selling.
 *
 * @param model        the catalogue's canonical model name; null when the listing is rejected
 * @param confidence   0..1: 1.0 when the title names the model and its VRAM, lower when a VRAM variant had to be
 *                     assumed; 0 when rejected
 * @param rejectReason why the listing is not a single, working, stand-alone card of one known model (e.g.
 *                     {@code for-parts}, {@code lot}, {@code unknown-model}); null when accepted
 */
public record Classification(String model, double confidence, String rejectReason) {

    public static Classification accepted(String model, double confidence) {
        return new Classification(model, confidence, null);
    }

    public static Classification rejected(String reason) {
        return new Classification(null, 0.0, reason);
    }

    public Classification {
        if ((model == null) == (rejectReason == null)) {
            throw new IllegalArgumentException("exactly one of model and reject reason must be set: " + model + ", " + rejectReason);
        }
        if (confidence < 0.0 || confidence > 1.0) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
    }
}
