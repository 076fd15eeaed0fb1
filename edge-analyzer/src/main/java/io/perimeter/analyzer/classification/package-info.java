/**
 * Sensitive-data classification: which {@link io.perimeter.analyzer.classification.DataClass data
 * classes} a single value of an API call carries.
 *
 * <p>The entry point is {@link io.perimeter.analyzer.classification.Classifier}: the code that walks
 * JSON bodies, forms, query strings, path segments, headers and cookies calls it once per leaf value
 * with a {@link io.perimeter.analyzer.classification.FieldContext} that says where the value sits.
 * Each class with a checkable shape has a small validating detector (Luhn and issuer ranges for card
 * numbers, mod 97 for IBANs, numbering plans for phone numbers, …); classes without one (passwords,
 * person names, postal addresses, dates of birth) are recognised from the field name and confirmed by
 * the shape of the value where they have one.
 *
 * <p>Everything here is immutable and thread-safe, does no I/O (in particular no DNS look-ups) and
 * reads at most {@link io.perimeter.analyzer.classification.Classifier#MAX_INSPECTED_CHARS} characters
 * of a value. Classification never keeps or logs the values it sees. See {@code docs/data-classes.md}
 * for what each class deliberately does not detect and for the measured precision and recall.
 */
package io.perimeter.analyzer.classification;
