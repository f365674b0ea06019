package dev.rigwatch.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Points in time as people type them: an ISO-8601 instant ({@code 2026-11-01T12:00:00Z}, or with an offset), a
 * date ({@code 2026-11-01}, its 00:00 UTC), or {@code now}.
 */
final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("now")) {
            return Instant.now();
        }
        try {
            return value.contains("T") ? OffsetDateTime.parse(value).toInstant()
                    : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not a time: use e.g. 2026-11-01T12:00:00Z, "
                    + "2026-11-01 (00:00 UTC) or now");
        }
    }
}
