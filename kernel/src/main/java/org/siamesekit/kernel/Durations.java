package org.siamesekit.kernel;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads IJAVA_TIMEOUT as IJava documents it: a number of ms, or a number and a TimeUnit ("30 SECONDS"). */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("\\s*(-?\\d+)\\s*([A-Za-z]*)\\s*");

    private Durations() {}

    /** The duration in ms; less than 1 means no limit. */
    static long parseMillis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 5000 or \"30 SECONDS\")");
        }
        long amount = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty()) return amount;
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        if (!unit.endsWith("S")) unit += "S";
        try {
            return TimeUnit.valueOf(unit).toMillis(amount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "': unknown time unit '" + m.group(2)
                    + "' (use MILLISECONDS, SECONDS, MINUTES, HOURS or DAYS)");
        }
    }
}
