package io.perimeter.analyzer.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as operators write them: {@code 60} or {@code 60s}, {@code 500ms}, {@code 5m}, {@code 1h}, or ISO {@code PT1M}. */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h)?");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher amount = AMOUNT.matcher(text);
        if (amount.matches()) {
            long n = Long.parseLong(amount.group(1));
            String unit = amount.group(2) == null ? "s" : amount.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (examples: 60s, 500ms, 5m, 1h)");
        }
    }
}
