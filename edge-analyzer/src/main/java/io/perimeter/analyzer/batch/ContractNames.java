package io.perimeter.analyzer.batch;

import java.util.regex.Pattern;

/**
 * Makes names from the API's shape fit the contract's patterns: a template segment or field name that does not
 * look like an identifier (it may be data the discovery step did not recognise) is replaced by a placeholder,
 * never sent as it is. Thread-safe.
 */
final class ContractNames {
    private static final Pattern LITERAL_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final Pattern PARAMETER = Pattern.compile("\\{[a-z][A-Za-z0-9]{0,31}\\}");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]{0,63}");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
    private static final Pattern PROCESS = Pattern.compile("[A-Za-z0-9._+-][A-Za-z0-9._+ -]{0,14}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|[0-9a-fA-F:.]{2,45})");

    private ContractNames() {}

    /** The template with every segment that is neither a plain literal nor a parameter replaced by {@code {segment}}. */
    static String template(String template) {
        if (template.equals("/") || template.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder(template.length());
        String[] segments = template.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            out.append('/');
            if (segment.isEmpty() && i == segments.length - 1) {
                continue; // trailing slash
            }
            if (LITERAL_SEGMENT.matcher(segment).matches() || PARAMETER.matcher(segment).matches()) {
                out.append(segment);
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                out.append("{param}");
            } else {
                out.append("{segment}");
            }
        }
        String result = out.toString();
        return result.length() <= 512 ? result : "/{truncated}";
    }

    /** A field path in the contract's notation; parts that are not identifiers become {@code {key}}. */
    static String fieldPath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (String part : path.split("\\.", -1)) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            String name = part;
            String suffix = "";
            while (name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2);
                suffix = "[]";
            }
            out.append(name.equals("{key}") || FIELD_NAME.matcher(name).matches() ? name : "{key}").append(suffix);
        }
        String result = out.toString();
        return result.length() <= 512 ? result : "{key}";
    }

    static boolean isHeaderName(String name) {
        return HEADER_NAME.matcher(name).matches();
    }

    static boolean isFieldName(String name) {
        return FIELD_NAME.matcher(name).matches();
    }

    static String contentType(String type) {
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
        return CONTENT_TYPE.matcher(bare).matches() ? bare : "application/octet-stream";
    }

    static String process(String name) {
        return PROCESS.matcher(name).matches() ? name : "unknown";
    }

    static String host(String host) {
        return host.length() <= 253 && HOST.matcher(host).matches() ? host : "unknown";
    }
}
