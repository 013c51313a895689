package org.assemblybot.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assemblybot.core.chat.UserId;

/**
 * What someone holding a copy of the bot's data directory can learn about secret ballots: every row of every
 * table of every SQLite database in it (read-only, so the bot may keep running) and the raw bytes of every file
 * (databases with their -wal and -shm, the Matrix store, anything else). Times and random hex values are masked
 * so that voters can be compared: if the rows tied to two voters who chose differently differ, the disk tells
 * who chose what.
 */
public final class SecretBallotAttack {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{32,}");
    /** Epoch milliseconds (2001–2286): when something happened says nothing about a choice, and differs. */
    private static final Pattern MILLIS = Pattern.compile("\\b1\\d{12}\\b");

    private final List<String> rows;
    private final List<byte[]> files;

    private SecretBallotAttack(List<String> rows, List<byte[]> files) {
        this.rows = rows;
        this.files = files;
    }

    public List<String> rows() {
        return List.copyOf(rows);
    }

    /** Reads the raw files first, then every table of every SQLite database under {@code dataDir}. */
    public static SecretBallotAttack read(Path dataDir) throws IOException, SQLException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dataDir)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<byte[]> files = new ArrayList<>();
        List<Path> databases = new ArrayList<>();
        for (Path path : paths) {
            byte[] bytes = Files.readAllBytes(path);
            files.add(bytes);
            if (new String(bytes, 0, Math.min(16, bytes.length), StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
                databases.add(path);
            }
        }
        List<String> rows = new ArrayList<>();
        for (Path database : databases) {
            rows.addAll(dump(database));
        }
        return new SecretBallotAttack(rows, files);
    }

    /** Every row as {@code table: column=value, …}. */
    private static List<String> dump(Path database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
             Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= columns; i++) {
                            values.add(rs.getMetaData().getColumnName(i) + "=" + rs.getString(i));
                        }
                        rows.add(table + ": " + String.join(", ", values));
                    }
                }
            }
        }
        return rows;
    }

    /** How often {@code text} (UTF-8) occurs in all files together. */
    public int occurrences(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        int count = 0;
        for (byte[] file : files) {
            outer:
            for (int i = 0; i + needle.length <= file.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (file[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                count++;
            }
        }
        return count;
    }

    /**
     * Per voter, every stored row that can be tied to them, with their identifiers masked as {@code <voter>}.
     * A row is tied to a voter when it holds one of their {@code identifiers} (user id, their direct room, the
     * ids of their command events…) or a hash the attacker can recompute: SHA-256 of the user id, and SHA-256 of
     * each stored hex value (tried as a salt) followed by the user id — the attack the salted hashes of the
     * first design allowed. Other long hex values are random to the attacker (tokens, keys) and are masked as
     * {@code <hex>}. If two voters who chose differently get different lists, the disk tells them apart.
     */
    public Map<UserId, List<String>> aboutEachVoter(Map<UserId, List<String>> identifiers) {
        List<byte[]> salts = new ArrayList<>();
        for (String row : rows) {
            HEX.matcher(row).results().map(m -> m.group()).filter(h -> h.length() % 2 == 0)
                    .forEach(h -> salts.add(HexFormat.of().parseHex(h)));
        }
        Map<UserId, List<String>> about = new LinkedHashMap<>();
        identifiers.forEach((voter, known) -> {
            List<String> ids = new ArrayList<>(known);
            byte[] user = voter.value().getBytes(StandardCharsets.UTF_8);
            ids.add(sha256(new byte[0], user));
            for (byte[] salt : salts) {
                ids.add(sha256(salt, user));
            }
            List<String> tied = new ArrayList<>();
            for (String row : rows) {
                if (ids.stream().anyMatch(row::contains)) {
                    String masked = row;
                    for (String id : ids) {
                        masked = masked.replace(id, "<voter>");
                    }
                    tied.add(MILLIS.matcher(HEX.matcher(masked).replaceAll("<hex>")).replaceAll("<time>"));
                }
            }
            tied.sort(null);
            about.put(voter, tied);
        });
        return about;
    }

    /** {@link #aboutEachVoter}, only the rows that are new since {@code before}. */
    public Map<UserId, List<String>> newAboutEachVoter(SecretBallotAttack before,
                                                       Map<UserId, List<String>> identifiers) {
        Map<UserId, List<String>> earlier = before.aboutEachVoter(identifiers);
        Map<UserId, List<String>> now = aboutEachVoter(identifiers);
        now.forEach((voter, rows) -> earlier.get(voter).forEach(rows::remove));
        return now;
    }

    private static String sha256(byte[] salt, byte[] user) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(user);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
