package org.assemblybot.adapter.sqlite;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward-only schema step, read from {@code migrations/V<version>__<description>.sql}. A migration
 * declares the tables it creates in a header line {@code -- tables: a, b}, so the runner can check after
 * migrating that they exist without a separate list to keep in sync.
 */
public record Migration(int version, String name, String sql, List<String> tables) {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    private static final Pattern TABLES_LINE = Pattern.compile("(?m)^--\\s*tables:(.*)$");

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        tables = List.copyOf(tables);
    }

    /** Parses the version from the file name and the declared tables from the script's header. */
    public static Migration parse(String fileName, String sql) {
        return new Migration(versionOf(fileName), fileName, sql, declaredTables(sql));
    }

    /** The version in a name like {@code V12__votes.sql}; IllegalArgumentException for other names. */
    public static int versionOf(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file name '" + fileName
                    + "' does not look like V<number>__<description>.sql");
        }
        return Integer.parseInt(m.group(1));
    }

    private static List<String> declaredTables(String sql) {
        Matcher m = TABLES_LINE.matcher(sql);
        if (!m.find()) {
            return List.of();
        }
        return List.of(m.group(1).trim().split("\\s*,\\s*")).stream().filter(t -> !t.isEmpty()).toList();
    }
}
