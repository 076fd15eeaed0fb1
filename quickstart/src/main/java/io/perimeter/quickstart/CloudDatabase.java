package io.perimeter.quickstart;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** The launcher's own read access to the cloud's database: its progress lines and whether the edge is still known. */
interface CloudDatabase {
    /** A connection that sees at least the rows of {@code tenant}. */
    Connection reader(UUID tenant) throws SQLException;
}
