package dev.rigwatch.streams.candles;

/**
 * A record on the ticks topic that deserialized but cannot be part of a candle. Thrown from the topology so the
 * processing exception handler skips it and writes its raw bytes to the dead-letter topic.
 */
public final class InvalidTickException extends RuntimeException {

    InvalidTickException(String message) {
        super(message);
    }
}
