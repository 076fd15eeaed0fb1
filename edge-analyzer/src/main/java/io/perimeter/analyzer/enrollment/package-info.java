/**
 * Enrollment: {@link io.perimeter.analyzer.enrollment.EnrollmentClient} exchanges a one-time token from the console for
 * the edge's id and credential, and {@link io.perimeter.analyzer.enrollment.EdgeState} keeps them (the credential
 * owner-only) in the edge's state directory beside the pseudonym key and the spool. See {@code docs/analyzer.md}.
 */
package io.perimeter.analyzer.enrollment;
