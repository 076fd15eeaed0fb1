package io.perimeter.analyzer.findings;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API's declared surface from its OpenAPI 3.0 or 3.1 document (JSON or YAML): the operations (method and path) with
 * their {@code deprecated} flags, the base paths of its {@code servers} and the hosts they name. Parsed with
 * swagger-parser without resolving references, so reading a spec never fetches anything. Swagger 2.0 documents are not
 * read (convert them first). Immutable and thread-safe.
 */
public final class ApiSpec {
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}/]*}");

    private final Set<String> hosts;
    private final List<String> basePaths;
    private final List<DeclaredOperation> operations;

    /** One declared operation; {@code method} is {@code *} for a path item given by reference (any method). */
    private record DeclaredOperation(String method, List<Pattern> segments, boolean deprecated) {}

    /** What a call's endpoint matched in the spec. */
    public record Match(boolean deprecated) {}

    private ApiSpec(Set<String> hosts, List<String> basePaths, List<DeclaredOperation> operations) {
        this.hosts = Set.copyOf(hosts);
        this.basePaths = List.copyOf(basePaths);
        this.operations = List.copyOf(operations);
    }

    /**
     * Reads an OpenAPI document.
     *
     * @throws IllegalArgumentException when it is not an OpenAPI 3 document with paths (the parser's messages say why)
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static ApiSpec read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + file, e);
        }
    }

    /** @see #read(Path) */
    public static ApiSpec parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false); // no $ref is followed: nothing is fetched
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        OpenAPI api = result == null ? null : result.getOpenAPI();
        if (api == null || api.getPaths() == null || api.getPaths().isEmpty()) {
            List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
            throw new IllegalArgumentException("not an OpenAPI 3 document with paths"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages.subList(0, Math.min(3, messages.size())))));
        }
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> basePaths = new LinkedHashSet<>();
        for (Server server : api.getServers() == null ? List.<Server>of() : api.getServers()) {
            if (server.getUrl() == null) {
                continue;
            }
            String url = expand(server);
            try {
                URI uri = new URI(url);
                if (uri.getHost() != null) {
                    hosts.add(uri.getHost().toLowerCase(Locale.ROOT));
                }
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                basePaths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
            } catch (URISyntaxException e) {
                // a server URL that is not a URL: ignored
            }
        }
        if (basePaths.isEmpty()) {
            basePaths.add("");
        }
        List<DeclaredOperation> operations = new ArrayList<>();
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            List<Pattern> segments = segments(entry.getKey());
            PathItem item = entry.getValue();
            if (item.get$ref() != null) {
                operations.add(new DeclaredOperation("*", segments, false));
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
                operations.add(new DeclaredOperation(op.getKey().name(), segments,
                        Boolean.TRUE.equals(op.getValue().getDeprecated())));
            }
        }
        return new ApiSpec(hosts, new ArrayList<>(basePaths), operations);
    }

    /** Server URL with each variable replaced by its default. */
    private static String expand(Server server) {
        String url = server.getUrl();
        if (server.getVariables() != null) {
            for (var v : server.getVariables().entrySet()) {
                String value = v.getValue().getDefault() == null ? "" : v.getValue().getDefault();
                url = url.replace("{" + v.getKey() + "}", value);
            }
        }
        return VARIABLE.matcher(url).replaceAll("x");
    }

    /** A pattern per path segment: literals as they are, {@code {name}} (also inside a segment) as "any characters". */
    private static List<Pattern> segments(String path) {
        List<Pattern> out = new ArrayList<>();
        for (String segment : trim(path).split("/", -1)) {
            StringBuilder regex = new StringBuilder();
            Matcher m = VARIABLE.matcher(segment);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(segment.substring(last, m.start()))).append("[^/]+");
                last = m.end();
            }
            regex.append(Pattern.quote(segment.substring(last)));
            out.add(Pattern.compile(regex.toString()));
        }
        return out;
    }

    private static String trim(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.startsWith("/") ? p.substring(1) : p;
    }

    /** True when the spec describes {@code host}: it names no host, or names this one. */
    public boolean appliesTo(String host) {
        return hosts.isEmpty() || hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Declared operations. */
    public int operations() {
        return operations.size();
    }

    /**
     * The declared operation an observed endpoint belongs to. A template parameter ({@code {id}}) matches a declared
     * parameter only; a literal segment matches the same literal or a declared parameter. {@code HEAD} matches a
     * declared {@code GET}; {@code OPTIONS} (CORS preflight) matches any declared path.
     */
    public Optional<Match> match(String method, String template) {
        for (String base : basePaths) {
            String rest;
            if (base.isEmpty()) {
                rest = template;
            } else if (template.equals(base) || template.startsWith(base + "/")) {
                rest = template.substring(base.length());
            } else {
                continue;
            }
            String[] segments = trim(rest.isEmpty() ? "/" : rest).split("/", -1);
            DeclaredOperation best = null;
            int bestLiterals = -1;
            for (DeclaredOperation op : operations) {
                if (op.segments().size() != segments.length || !methodMatches(op.method(), method)
                        || !pathMatches(op.segments(), segments)) {
                    continue;
                }
                // the most specific declaration wins, as in routing (/users/me before /users/{id})
                int literals = (int) op.segments().stream().filter(p -> !isParameter(p)).count();
                boolean exactMethod = op.method().equals(method);
                if (literals > bestLiterals || literals == bestLiterals && exactMethod && !best.method().equals(method)) {
                    best = op;
                    bestLiterals = literals;
                }
            }
            if (best != null) {
                return Optional.of(new Match(best.deprecated() && best.method().equals(method)));
            }
        }
        return Optional.empty();
    }

    private static boolean isParameter(Pattern segment) {
        return segment.pattern().contains("[^/]+");
    }

    private static boolean methodMatches(String declared, String observed) {
        return declared.equals("*") || declared.equals(observed) || observed.equals("OPTIONS")
                || observed.equals("HEAD") && declared.equals("GET");
    }

    private static boolean pathMatches(List<Pattern> declared, String[] observed) {
        for (int i = 0; i < observed.length; i++) {
            String segment = observed[i];
            Pattern pattern = declared.get(i);
            boolean declaredParameter = isParameter(pattern);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (!declaredParameter) {
                    return false;
                }
            } else if (!pattern.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
