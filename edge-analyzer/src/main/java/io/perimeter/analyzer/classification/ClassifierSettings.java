package io.perimeter.analyzer.classification;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of a {@link Classifier}.
 *
 * @param defaultPhoneRegion ISO 3166-1 alpha-2 region whose national format is assumed for phone
 *     numbers written without a {@code +} country code (e.g. {@code US}, {@code DE}); numbers in
 *     E.164 / international form are recognised whatever this is
 */
public record ClassifierSettings(String defaultPhoneRegion) {

    /** The defaults: national phone numbers are read as {@code US} numbers. */
    public static ClassifierSettings defaults() {
        return new ClassifierSettings("US");
    }

    public ClassifierSettings {
        Objects.requireNonNull(defaultPhoneRegion, "defaultPhoneRegion");
        defaultPhoneRegion = defaultPhoneRegion.toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultPhoneRegion)) {
            throw new IllegalArgumentException("not a region libphonenumber knows: " + defaultPhoneRegion);
        }
    }
}
