package dev.rigwatch.streams.signal.tightness;

import dev.rigwatch.events.SupplyTightness.Constituent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The models' indices of one hour that the market index is waiting to combine. */
record MarketHour(Instant windowStart, Instant windowEnd, List<Constituent> models) {

    /** This hour with {@code model}'s index added, or replacing the one it had. */
    MarketHour with(Constituent model) {
        List<Constituent> next = new ArrayList<>(models);
        next.removeIf(m -> m.model().equals(model.model()));
        next.add(model);
        next.sort(Comparator.comparing(Constituent::model));
        return new MarketHour(windowStart, windowEnd, List.copyOf(next));
    }
}
