package dev.rigwatch.streams.signal.capitulation;

import java.time.Instant;
import java.util.Map;

/**
 * Every mining model's state for one instrument, stored as one value: each day judges all of them, so one read and
 * one write a day instead of one per model.
 *
 * @param lastDayEnd end of the latest day judged: an older or repeated day is out of order
 * @param models     by model name; a model is absent until its first day
 */
record MinerStates(Instant lastDayEnd, Map<String, ProfitState> models) {
}
