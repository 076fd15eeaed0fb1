package io.perimeter.cloud.inventory;

import io.micronaut.core.annotation.Nullable;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.Conditions;
import io.perimeter.cloud.query.FilterValues;
import io.perimeter.cloud.query.Keyset;
import io.perimeter.cloud.query.Page;
import io.perimeter.cloud.query.SqlRows;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The services of a tenant's inventory, with totals over their endpoints. */
@Singleton
public final class ServiceCatalog {
    static final List<Keyset> SORTS = List.of(
            Keyset.of("host", false, Keyset.text("s.host"), Keyset.number("s.port"), Keyset.uuid("s.id")),
            Keyset.of("lastSeen", true, Keyset.timestamp("s.last_seen"), Keyset.uuid("s.id")),
            Keyset.of("endpoints", true, Keyset.number("totals.endpoints"), Keyset.uuid("s.id")));

    /** Unresolved: what still needs someone's attention. */
    static final String UNRESOLVED = "('open', 'acknowledged')";

    private static final String SELECT = "s.id, s.host, s.port, s.process, s.tls, s.first_seen, s.last_seen, "
            + "totals.endpoints, totals.calls, totals.data_classes, totals.auth, "
            + "(SELECT count(*) FROM findings f WHERE f.tenant_id = s.tenant_id AND f.service_id = s.id "
            + "AND f.status IN " + UNRESOLVED + ") AS open_findings";
    private static final String FROM = "services s CROSS JOIN LATERAL (SELECT count(*) AS endpoints, "
            + "coalesce(sum(e.calls), 0) AS calls, "
            + "ARRAY(SELECT DISTINCT c FROM endpoints d, unnest(d.data_classes) c WHERE d.service_id = s.id "
            + "ORDER BY c) AS data_classes, "
            + "ARRAY(SELECT DISTINCT a FROM endpoints d, unnest(d.auth) a WHERE d.service_id = s.id ORDER BY a) AS auth "
            + "FROM endpoints e WHERE e.service_id = s.id) totals";

    private final TenantTransactions transactions;
    private final SqlRows rows;
    private final EndpointCatalog endpoints;

    ServiceCatalog(TenantTransactions transactions, SqlRows rows, EndpointCatalog endpoints) {
        this.transactions = transactions;
        this.rows = rows;
        this.endpoints = endpoints;
    }

    /** What a services list may be narrowed by; null or empty members do not narrow it. */
    public record Filter(@Nullable String search, @Nullable Boolean tls, @Nullable List<String> dataClasses,
                         @Nullable Boolean hasFindings) {
    }

    public Page<ServiceView> list(UUID tenant, Filter filter, String sort, @Nullable String cursor, int limit) {
        Keyset keyset = Keyset.choose(sort, SORTS);
        List<String> dataClasses = FilterValues.oneOf("dataClass", filter.dataClasses(), Vocabulary.DATA_CLASSES);
        Conditions where = new Conditions()
                .add("s.tenant_id = ?", tenant)
                .addIf(filter.search() == null || filter.search().isBlank() ? null
                        : FilterValues.containing(filter.search()), "s.host ILIKE ?")
                .addIf(filter.tls(), "s.tls = ?")
                .addIfAny(dataClasses, "EXISTS (SELECT FROM endpoints e WHERE e.service_id = s.id "
                        + "AND e.data_classes && CAST(? AS text[]))");
        if (filter.hasFindings() != null) {
            where.add((filter.hasFindings() ? "" : "NOT ") + "EXISTS (SELECT FROM findings f WHERE "
                    + "f.tenant_id = s.tenant_id AND f.service_id = s.id AND f.status IN " + UNRESOLVED + ")");
        }
        return transactions.read(tenant, () -> rows.page(SELECT, FROM, where, keyset, cursor, limit,
                ServiceCatalog::view));
    }

    public ServiceView get(UUID tenant, UUID serviceId) {
        return transactions.read(tenant, () -> rows.first("SELECT " + SELECT + " FROM " + FROM
                        + " WHERE s.tenant_id = ? AND s.id = ?", List.of(tenant, serviceId), ServiceCatalog::view))
                .orElseThrow(() -> ApiException.notFound("service"));
    }

    /** The service as an OpenAPI 3.1 document, in JSON or YAML. */
    public String openApi(UUID tenant, UUID serviceId, boolean yaml) {
        return transactions.read(tenant, () -> {
            ServiceView service = get(tenant, serviceId);
            List<EndpointDetail> discovered = endpoints.ofService(tenant, serviceId);
            return yaml ? ServiceOpenApi.yaml(service, discovered) : ServiceOpenApi.json(service, discovered);
        });
    }

    private static ServiceView view(ResultSet row) throws SQLException {
        return new ServiceView(Columns.uuid(row, "id"), row.getString("host"), row.getInt("port"),
                row.getString("process"), row.getBoolean("tls"), row.getLong("endpoints"), row.getLong("calls"),
                Columns.strings(row, "data_classes"), Columns.strings(row, "auth"), row.getLong("open_findings"),
                Columns.instant(row, "first_seen"), Columns.instant(row, "last_seen"));
    }
}
