package io.schedgate.run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The manifest's timestamp format: ISO-8601 UTC with exactly three fraction digits. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DIRECTORY =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** The run directory's suffix, e.g. {@code 20261128-061500}. */
    public static String directorySuffix(Instant instant) {
        return DIRECTORY.format(instant);
    }
}
