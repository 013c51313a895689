package org.assemblybot.adapter.sqlite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward-only schema step, read from {@code migrations/V<version>__<description>.sql}. A migration
 * declares the tables it creates in a header line {@code -- tables: a, b}, so the runner can check after
 * migrating that they exist without a separate list to keep in sync. {@code sha256} is the hex SHA-256 of
 * the file's bytes: the runner records it when applying and compares it at every start.
 */
public record Migration(int version, String name, String sql, List<String> tables, String sha256) {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    private static final Pattern TABLES_LINE = Pattern.compile("(?m)^--\\s*tables:(.*)$");

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(sha256, "sha256");
        tables = List.copyOf(tables);
    }

    /** Parses the version from the file name and the declared tables from the script's header. */
    public static Migration parse(String fileName, String sql) {
        return read(fileName, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** A migration from the file's bytes (UTF-8), checksummed as they are. */
    public static Migration read(String fileName, byte[] content) {
        String sql = new String(content, StandardCharsets.UTF_8);
        return new Migration(versionOf(fileName), fileName, sql, declaredTables(sql), sha256(content));
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

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
