package io.perimeter.analyzer.findings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Set;

/**
 * API4-UNBOUNDED-PAGE-SIZE: a page-size query parameter ({@code limit}, {@code size}, {@code page_size},
 * {@code per_page}, {@code pageSize}, {@code count}, {@code max_results}, {@code top}, {@code $top},
 * {@code first}, {@code take}, {@code rows}, ...; not {@code max}, which is as often a price filter) asks for more than {@link FindingsSettings#maxPageSize()} items and
 * the answer is 2xx. The fact {@code returnedItems} is the longest array in the JSON answer (top level or one level
 * down; absent when the answer is not JSON). High when more items than the threshold came back, low when fewer did (the
 * server may have clamped the size, or there were no more), medium when unknown.
 */
final class PageSizeRule implements Rule {
    static final Set<String> PAGE_SIZE_NAMES = Set.of("limit", "size", "pagesize", "perpage", "count",
            "maxresults", "maxitems", "top", "first", "take", "rows", "pagelimit", "batchsize", "numresults",
            "resultsperpage", "itemsperpage");
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();
    private static final int MAX_TOKENS = 500_000;

    private final long maxPageSize;

    PageSizeRule(FindingsSettings settings) {
        this.maxPageSize = settings.maxPageSize();
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API4_UNBOUNDED_PAGE_SIZE);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded()) {
            return;
        }
        for (ObservedCall.Parameter p : call.query()) {
            if (!PAGE_SIZE_NAMES.contains(CredentialNames.normalise(p.name())) || !isNumber(p.value())) {
                continue;
            }
            long requested = p.value().length() > 18 ? Long.MAX_VALUE : Long.parseLong(p.value());
            if (requested <= maxPageSize) {
                continue;
            }
            long returned = returnedItems(call);
            Severity severity = returned < 0 ? Severity.MEDIUM : returned > maxPageSize ? Severity.HIGH : Severity.LOW;
            Evidence evidence = Evidence.at(EvidenceLocation.REQUEST_QUERY).withField(EvidenceNames.parameterName(p.name()))
                    .withFact("threshold", maxPageSize);
            if (returned >= 0) {
                evidence = evidence.withFact("returnedItems", returned);
            }
            sink.report(Occurrence.of(RuleId.API4_UNBOUNDED_PAGE_SIZE, call, evidence).severity(severity));
            return;
        }
    }

    private static boolean isNumber(String value) {
        if (value.isEmpty() || value.length() > 40) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The longest array at depth 1 or 2 of a JSON answer; -1 when it is not JSON. */
    static long returnedItems(ObservedCall call) {
        String type = call.responseContentType();
        String text = call.responseText();
        if (!(type.contains("json") || type.isEmpty() && (text.startsWith("[") || text.startsWith("{")))) {
            return -1;
        }
        long longest = -1;
        try (JsonParser p = JSON.createParser(text)) {
            int depth = 0;
            int arrayDepth = -1;
            long items = 0;
            int tokens = 0;
            JsonToken token;
            while ((token = p.nextToken()) != null && tokens++ < MAX_TOKENS) {
                if (token.isStructStart()) {
                    if (depth == arrayDepth) {
                        items++;
                    }
                    depth++;
                    if (token == JsonToken.START_ARRAY && arrayDepth < 0 && depth <= 2) {
                        arrayDepth = depth;
                        items = 0;
                    }
                } else if (token.isStructEnd()) {
                    if (depth == arrayDepth) {
                        longest = Math.max(longest, items);
                        arrayDepth = -1;
                    }
                    depth--;
                } else if (token != JsonToken.FIELD_NAME && depth == arrayDepth) {
                    items++;
                }
            }
            if (arrayDepth >= 0) {
                longest = Math.max(longest, items); // truncated answer: a lower bound
            }
        } catch (IOException | RuntimeException e) {
            // not JSON after all, or cut short: keep what was counted
        }
        return Math.max(longest, text.isEmpty() ? -1 : 0);
    }
}
