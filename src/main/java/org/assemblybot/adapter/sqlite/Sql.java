package org.assemblybot.adapter.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Small JDBC helpers for the SQLite stores. Each call runs inside {@link Database#inTransaction}, so a
 * store works on its own and also joins a caller's transaction; SQLException becomes StorageException.
 * Parameters are bound positionally with {@code setObject} (String, Long, Integer, null).
 */
public final class Sql {
    /** Maps the current row; may throw SQLException, which is wrapped by the caller. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Database db;

    public Sql(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of changed rows. */
    public int update(String sql, Object... params) {
        return db.inTransaction(() -> {
            try (PreparedStatement st = prepare(db.connection(), sql, params)) {
                return st.executeUpdate();
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        });
    }

    /** The first row mapped, or empty when the query returns no row. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = list(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        return db.inTransaction(() -> {
            try (PreparedStatement st = prepare(db.connection(), sql, params);
                 ResultSet rs = st.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            } catch (SQLException e) {
                throw failure(sql, e);
            }
        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params)
            throws SQLException {
        PreparedStatement st = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    /** Names the statement, never the parameters: they may hold message text (P2). */
    private static StorageException failure(String sql, SQLException e) {
        return new StorageException("SQL failed: " + sql, e);
    }
}
