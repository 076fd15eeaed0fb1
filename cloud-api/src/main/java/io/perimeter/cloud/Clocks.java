package io.perimeter.cloud;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock the API reads, so tests can pin time (e.g. to expire an enrollment token). */
@Factory
final class Clocks {
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
