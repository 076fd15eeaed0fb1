package io.perimeter.analyzer.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.discovery.AuthScheme;
import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.FieldType;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.LatencyHistogram;
import io.perimeter.analyzer.discovery.NamedPart;
import io.perimeter.analyzer.discovery.PathParameter;
import io.perimeter.analyzer.discovery.Schema;
import io.perimeter.analyzer.discovery.SchemaField;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.findings.Evidence;
import io.perimeter.analyzer.findings.Finding;
import io.perimeter.analyzer.findings.FindingKey;
import io.perimeter.contract.ContractViolation;
import io.perimeter.contract.PerimeterContract;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Turns an inventory snapshot and the open findings into a batch of the perimeter contract, and refuses to hand out a
 * batch that breaks it. Only names, types, counts, times, data classes and the findings' numeric or boolean facts are
 * written; names that do not fit the contract's patterns become placeholders (counted). A finding is written only for
 * an endpoint the same batch lists (so a finding can never name a template the inventory did not ship). Thread-safe.
 */
public final class BatchWriter {
    static final int MAX_FIELDS = 2000;
    static final int MAX_ENDPOINTS = 20_000;
    static final int MAX_SERVICES = 10_000;
    static final int MAX_BODIES = 16;
    static final int MAX_FINDINGS = 10_000;
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,15}");
    private static final Pattern FACT_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
    private static final long MAX_COUNT = 9_007_199_254_740_991L;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ObjectMapper json = new ObjectMapper();
    private final PerimeterContract contract;
    private final LongAdder itemsCut = new LongAdder();

    public BatchWriter(PerimeterContract contract) {
        this.contract = contract;
    }

    /**
     * Entries left out of batches because a contract limit (fields, bodies, endpoints, services, findings) was reached,
     * or because a finding named an endpoint the batch does not list.
     */
    public long itemsCut() {
        return itemsCut.sum();
    }

    /**
     * A batch without findings.
     *
     * @return the batch, validated against the contract
     * @throws BatchRejectedException if it breaks the contract (a defect: nothing is sent then)
     */
    public ObjectNode write(BatchHeader header, Inventory inventory) {
        return write(header, inventory, List.of());
    }

    /**
     * A batch with the inventory's services and the given findings (take them with
     * {@code FindingsEngine.snapshot(inventory)} so that their templates are the inventory's). Findings of endpoints
     * the batch does not list, duplicates of a key and findings beyond the contract's limit are left out and counted
     * ({@link #itemsCut()}).
     *
     * @return the batch, validated against the contract
     * @throws BatchRejectedException if it breaks the contract (a defect: nothing is sent then)
     */
    public ObjectNode write(BatchHeader header, Inventory inventory, List<Finding> findings) {
        ObjectNode batch = json.createObjectNode();
        batch.put("schema", PerimeterContract.VERSION);
        batch.put("batchId", header.batchId().toString());
        batch.put("edgeId", header.edgeId());
        batch.put("createdAt", time(header.createdAt()));
        batch.putObject("window").put("start", time(header.windowStart())).put("end", time(header.windowEnd()));
        ObjectNode edge = batch.putObject("edge");
        edge.put("version", header.version());
        ObjectNode counters = edge.putObject("counters");
        header.counters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> counters.put(e.getKey(), Math.min(MAX_COUNT, Math.max(0, e.getValue()))));
        ArrayNode services = batch.putArray("services");
        int serviceCount = 0;
        for (Service service : inventory.services()) {
            if (serviceCount++ >= MAX_SERVICES) {
                itemsCut.increment();
                continue;
            }
            services.add(service(service));
        }
        ArrayNode findingsNode = batch.putArray("findings");
        Set<String> endpoints = writtenEndpoints(services);
        Set<String> keys = new HashSet<>();
        for (Finding finding : findings) {
            ObjectNode node = finding(finding, endpoints);
            if (node == null || !keys.add(node.get("key").asText()) || findingsNode.size() >= MAX_FINDINGS) {
                itemsCut.increment();
                continue;
            }
            findingsNode.add(node);
        }
        List<ContractViolation> violations = contract.violations(batch);
        if (!violations.isEmpty()) {
            throw new BatchRejectedException(violations);
        }
        return batch;
    }

    private static Set<String> writtenEndpoints(ArrayNode services) {
        Set<String> out = new HashSet<>();
        for (var service : services) {
            for (var endpoint : service.get("endpoints")) {
                out.add(endpointKey(service.get("host").asText(), service.get("port").asInt(),
                        endpoint.get("method").asText(), endpoint.get("template").asText()));
            }
        }
        return out;
    }

    private static String endpointKey(String host, int port, String method, String template) {
        return host + ' ' + port + ' ' + method + ' ' + template;
    }

    /**
     * One finding in the contract's shape, its names passed through {@link ContractNames} (the key is computed again
     * from the written names when that changed one); null when its endpoint is not in the batch.
     */
    private ObjectNode finding(Finding finding, Set<String> endpoints) {
        String host = ContractNames.host(finding.host());
        String template = ContractNames.template(finding.template());
        if (!METHOD.matcher(finding.method()).matches() || finding.port() < 0 || finding.port() > 65_535
                || !endpoints.contains(endpointKey(host, finding.port(), finding.method(), template))) {
            return null;
        }
        Evidence evidence = finding.evidence();
        String field = evidence.field() == null ? null : ContractNames.fieldPath(evidence.field());
        String headerName = evidence.headerName() != null && ContractNames.isHeaderName(evidence.headerName())
                ? evidence.headerName() : null;
        String key = finding.key();
        if (!host.equals(finding.host()) || !template.equals(finding.template()) || !Objects.equals(field, evidence.field())
                || !Objects.equals(headerName, evidence.headerName())) {
            key = FindingKey.of(finding.rule().id(), host, finding.port(), finding.method(), template,
                    evidence.location().contractName(), field, headerName);
        }
        ObjectNode node = json.createObjectNode();
        node.put("key", key);
        node.put("rule", finding.rule().id());
        node.put("category", finding.category().contractName());
        node.put("severity", finding.severity().contractName());
        node.putObject("service").put("host", host).put("port", finding.port());
        node.putObject("endpoint").put("method", finding.method()).put("template", template);
        ObjectNode e = node.putObject("evidence");
        e.put("location", evidence.location().contractName());
        if (field != null) {
            e.put("field", field);
        }
        if (headerName != null) {
            e.put("headerName", headerName);
        }
        dataClasses(e, evidence.dataClasses());
        ObjectNode facts = json.createObjectNode();
        evidence.facts().forEach((name, value) -> {
            if (facts.size() < 16 && FACT_NAME.matcher(name).matches()) {
                if (value instanceof Long n) {
                    facts.put(name, n);
                } else if (value instanceof Boolean b) {
                    facts.put(name, b);
                }
            }
        });
        if (!facts.isEmpty()) {
            e.set("facts", facts);
        }
        finding.outcome().ifPresent(o -> node.put("outcome", o.contractName()));
        node.put("count", Math.min(MAX_COUNT, Math.max(0, finding.count())));
        node.put("firstSeen", time(finding.firstSeen()));
        node.put("lastSeen", time(finding.lastSeen()));
        return node;
    }

    private ObjectNode service(Service service) {
        ObjectNode node = json.createObjectNode();
        node.put("host", ContractNames.host(service.key().host()));
        node.put("port", service.key().port());
        node.put("process", ContractNames.process(service.key().processName()));
        node.put("tls", service.tlsSeen());
        ArrayNode endpoints = node.putArray("endpoints");
        int count = 0;
        for (Endpoint endpoint : service.endpoints()) {
            if (count++ >= MAX_ENDPOINTS) {
                itemsCut.increment();
                continue;
            }
            endpoints.add(endpoint(endpoint));
        }
        return node;
    }

    private ObjectNode endpoint(Endpoint endpoint) {
        ObjectNode node = json.createObjectNode();
        node.put("method", endpoint.method());
        node.put("template", ContractNames.template(endpoint.template()));
        node.put("calls", endpoint.calls());
        ObjectNode statuses = node.putObject("statusCodes");
        endpoint.statusCounts().forEach((status, n) -> {
            if (status >= 100 && status <= 599) {
                statuses.put(Integer.toString(status), n);
            }
        });
        node.set("latency", latency(endpoint.latency()));
        ArrayNode auth = node.putArray("auth");
        endpoint.authSchemes().forEach((scheme, n) -> {
            if (n > 0) {
                auth.add(scheme.contractName());
            }
        });
        if (auth.isEmpty()) {
            auth.add(AuthScheme.NONE.contractName());
        }
        Map<String, Set<DataClass>> pathClasses = endpoint.namedDataClasses().getOrDefault(NamedPart.PATH, Map.of());
        ArrayNode pathParameters = node.putArray("pathParameters");
        for (PathParameter parameter : endpoint.pathParameters()) {
            String name = ContractNames.isFieldName(parameter.name()) ? parameter.name() : "{key}";
            ObjectNode field = pathParameters.addObject().put("path", name);
            field.putArray("types").add(parameter.numeric() ? "integer" : "string");
            dataClasses(field, pathClasses.getOrDefault(parameter.name(), Set.of()));
            field.put("required", true).put("seen", endpoint.calls());
        }
        node.set("queryParameters", fields(endpoint.query()));
        Map<String, Set<DataClass>> headerClasses = endpoint.namedDataClasses().getOrDefault(NamedPart.HEADER, Map.of());
        ObjectNode headers = node.putObject("headerDataClasses");
        headerClasses.forEach((name, classes) -> {
            if (ContractNames.isHeaderName(name)) {
                ArrayNode list = headers.putArray(name);
                classes.stream().sorted().forEach(c -> list.add(c.name()));
            } else {
                itemsCut.increment();
            }
        });
        ArrayNode requests = node.putArray("requestBodies");
        endpoint.requestSchemas().forEach((type, schema) -> addBody(requests, type, null, schema));
        ArrayNode responses = node.putArray("responseBodies");
        endpoint.responseSchemas().forEach((status, byType) -> byType.forEach((type, schema) -> addBody(responses, type, status, schema)));
        node.put("firstSeen", time(endpoint.firstSeen()));
        node.put("lastSeen", time(endpoint.lastSeen()));
        return node;
    }

    private void addBody(ArrayNode bodies, String type, Integer status, Schema schema) {
        if (bodies.size() >= MAX_BODIES) {
            itemsCut.increment();
            return;
        }
        ObjectNode body = bodies.addObject().put("contentType", ContractNames.contentType(type));
        if (status != null && status >= 100 && status <= 599) {
            body.put("status", status);
        }
        body.set("fields", fields(schema));
    }

    private ArrayNode fields(Schema schema) {
        ArrayNode fields = json.createArrayNode();
        if (schema == null) {
            return fields;
        }
        for (SchemaField field : schema.fields()) {
            if (fields.size() >= MAX_FIELDS) {
                itemsCut.increment();
                break;
            }
            ObjectNode node = fields.addObject().put("path", ContractNames.fieldPath(field.path()));
            ArrayNode types = node.putArray("types");
            field.types().stream().sorted().map(FieldType::jsonName).forEach(types::add);
            if (types.isEmpty()) {
                types.add("null");
            }
            if (field.format() != null) {
                node.putArray("formats").add(field.format().jsonName());
            }
            dataClasses(node, field.dataClasses());
            node.put("required", field.required()).put("seen", field.count());
        }
        return fields;
    }

    private static void dataClasses(ObjectNode field, Set<DataClass> classes) {
        if (classes != null && !classes.isEmpty()) {
            ArrayNode list = field.putArray("dataClasses");
            classes.stream().sorted().forEach(c -> list.add(c.name()));
        }
    }

    private ObjectNode latency(LatencyHistogram.Snapshot snapshot) {
        ObjectNode node = json.createObjectNode();
        node.put("count", snapshot.count()).put("sumMicros", Math.min(MAX_COUNT, snapshot.sumMicros()));
        ArrayNode buckets = node.putArray("buckets");
        for (LatencyHistogram.Bucket bucket : snapshot.buckets()) {
            buckets.addObject().put("upperBoundMicros", Math.min(MAX_COUNT, bucket.upperBoundMicros())).put("count", bucket.count());
        }
        return node;
    }

    /**
     * The contract's timestamp: four-digit years only, so a time outside 1970–9999 (a capture line or HAR entry can
     * claim any year) is clamped instead of making the whole batch invalid.
     */
    private static String time(Instant instant) {
        Instant t = instant == null || instant.isBefore(Instant.EPOCH) ? Instant.EPOCH
                : instant.isAfter(LATEST) ? LATEST : instant;
        return t.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
