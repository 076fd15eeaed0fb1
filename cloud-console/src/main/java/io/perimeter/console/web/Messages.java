package io.perimeter.console.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import io.micronaut.context.MessageSource;
import jakarta.inject.Singleton;

/** The console's labels and texts ({@code i18n/messages*.properties}), which the templates name by key. */
@Factory
class Messages {

    @Singleton
    MessageSource consoleMessages() {
        return new ResourceBundleMessageSource("i18n.messages");
    }
}
