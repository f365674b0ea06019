package dev.rigwatch.alerts;

import dev.rigwatch.events.alert.Scope;
import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;

/**
 * Whether a subscription's {@link Scope} covers a trigger's subject. Crypto subjects are {@code exchange:SYMBOL}; GPU
 * subjects {@code model:<m>}, {@code family:<f>} or {@code market:all} (the market's tightness, which only
 * {@code all} covers). A family covers its own series and, through the catalogue, each of its models.
 */
final class SubjectScopes {

    private static final String MODEL = "model:";
    private static final String FAMILY = "family:";

    private final GpuCatalogue catalogue;

    SubjectScopes(GpuCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    boolean covers(Scope scope, Trigger trigger) {
        String subject = trigger.subject();
        return switch (scope.kind()) {
            case ALL -> true;
            case SYMBOL -> trigger.subjectType().equals(Trigger.CRYPTO)
                    && subject.substring(subject.indexOf(':') + 1).equalsIgnoreCase(scope.value());
            case EXCHANGE -> trigger.subjectType().equals(Trigger.CRYPTO)
                    && subject.regionMatches(true, 0, scope.value() + ":", 0, scope.value().length() + 1);
            case MODEL -> subject.equalsIgnoreCase(MODEL + scope.value());
            case FAMILY -> subject.equalsIgnoreCase(FAMILY + scope.value())
                    || subject.startsWith(MODEL) && catalogue.find(subject.substring(MODEL.length()))
                    .map(GpuModel::family).filter(scope.value()::equalsIgnoreCase).isPresent();
        };
    }
}
