package io.perimeter.analyzer.findings;

import io.perimeter.sensor.call.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * What the API did with a request that a rule flagged (an attack attempt, a forged token), judged from the status
 * code alone: the analyzer cannot know whether a payload "worked", only whether the API processed the request
 * normally. A finding keeps the worst outcome of its occurrences ({@link #SUCCEEDED} over {@link #UNKNOWN} over
 * {@link #REJECTED}).
 */
public enum Outcome {
    /** A 4xx answer: the API refused the request. */
    REJECTED,
    /** 3xx, 5xx or no answer: a redirect may be a refusal, a server error may mean the payload reached code that broke. */
    UNKNOWN,
    /** A 2xx answer: the API processed the request as normal, so the attempt may have worked. */
    SUCCEEDED;

    /** The outcome of a call that got {@code response}. */
    public static Outcome of(Optional<HttpResponse> response) {
        if (response.isEmpty()) {
            return UNKNOWN;
        }
        int status = response.get().status();
        if (status >= 200 && status < 300) {
            return SUCCEEDED;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return UNKNOWN;
    }

    /** The name in the perimeter contract ({@code succeeded}). */
    public String contractName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of the two (the one that says more may have gone wrong). */
    public Outcome worst(Outcome other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
