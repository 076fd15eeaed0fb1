package io.perimeter.quickstart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** What the cloud holds for the demo tenant, read from its database, for the progress lines. */
final class CloudInventory {
    private final CloudDatabase database;
    private final UUID tenant;

    CloudInventory(CloudDatabase database, UUID tenant) {
        this.database = database;
        this.tenant = tenant;
    }

    /**
     * Counts of the tenant's rows; {@code occurrences} adds up the findings' counts, which grow with every batch that
     * sees a finding again (so a second run sees its own findings arrive in a database that has some already).
     */
    record Counts(long services, long endpoints, long findings, long calls, long occurrences) {
        @Override
        public String toString() {
            return services + " services, " + endpoints + " endpoints (" + calls + " calls), " + findings + " findings";
        }
    }

    Counts counts() throws SQLException {
        try (Connection connection = database.reader(tenant);
             PreparedStatement query = connection.prepareStatement("""
                     SELECT (SELECT count(*) FROM services WHERE tenant_id = ?),
                            (SELECT count(*) FROM endpoints WHERE tenant_id = ?),
                            (SELECT count(*) FROM findings WHERE tenant_id = ?),
                            (SELECT coalesce(sum(calls), 0) FROM endpoints WHERE tenant_id = ?),
                            (SELECT coalesce(sum(count), 0) FROM findings WHERE tenant_id = ?)
                     """)) {
            for (int i = 1; i <= 5; i++) {
                query.setObject(i, tenant);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
            }
        }
    }
}
