package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;

/** Every value of every row of every table, as "table.column=value" text: for privacy tests that look for canaries. */
public final class StoredValues {
    private StoredValues() {
    }

    public static List<String> of(Database db) {
        Sql sql = new Sql(db);
        List<String> tables = sql.list("SELECT name FROM sqlite_master WHERE type = 'table'", row -> row.getString(1));
        List<String> values = new ArrayList<>();
        for (String table : tables) {
            sql.list("SELECT * FROM \"" + table + "\"", row -> {
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    values.add(table + "." + row.getMetaData().getColumnName(c) + "=" + row.getString(c));
                }
                return null;
            });
        }
        return values;
    }

    /** The stored values that contain {@code canary}, to name them in a failure. */
    public static List<String> containing(Database db, String canary) {
        return of(db).stream().filter(v -> v.contains(canary)).toList();
    }
}
