package dev.rigwatch.events;

/** Which of an event's two times is its event time (and so its Kafka record timestamp). */
public enum TimeSource {
    /** The time the exchange or marketplace reported for the event. */
    EXCHANGE,
    /** The time rigwatch received it: used where the source reports no time of its own (e.g. Kraken's ticker). */
    RECEIPT
}
