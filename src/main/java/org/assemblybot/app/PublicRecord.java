package org.assemblybot.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.StorageException;
import org.assemblybot.core.text.Markdown;

/**
 * The {@code export} command: what the bot keeps that the rooms saw anyway, as Markdown, per room — who held
 * each role when, the results of closed votes (totals only), and the synchronized actions with their rooms
 * and turnout. Never message bodies, reasons people typed, or who chose what. Reads the features' tables
 * through a read-only connection (safe beside a running bot); {@code PublicRecordTest} runs it on a database
 * migrated by the shipped migrations, so a schema change that breaks it fails there.
 */
final class PublicRecord {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private PublicRecord() {
    }

    /** The record of every room, or of {@code onlyRoom}. */
    static String markdown(Path dataDir, Optional<String> onlyRoom) {
        try (Connection db = Database.readOnly(dataDir)) {
            TreeSet<String> rooms = new TreeSet<>(strings(db, "SELECT room_id FROM rotation_roles UNION "
                    + "SELECT room_id FROM vote_votes UNION SELECT room_id FROM sync_rooms"));
            onlyRoom.ifPresent(room -> rooms.retainAll(List.of(room)));
            StringBuilder out = new StringBuilder("# Public record\n\nWhat assembly-bot keeps that the rooms saw: "
                    + "role holders, vote results and synchronized actions. Times in UTC.\n");
            if (rooms.isEmpty()) {
                out.append("\nNothing recorded").append(onlyRoom.map(r -> " for " + Markdown.id(r)).orElse(""))
                        .append(".\n");
            }
            for (String room : rooms) {
                out.append("\n## Room ").append(Markdown.id(room)).append('\n');
                roles(db, room, out);
                votes(db, room, out);
                actions(db, room, out);
            }
            return out.toString();
        } catch (SQLException e) {
            throw new StorageException("cannot read the public record: " + e.getMessage(), e);
        }
    }

    private static void roles(Connection db, String room, StringBuilder out) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement roles = db.prepareStatement(
                "SELECT id, name, term, seats FROM rotation_roles WHERE room_id = ? ORDER BY name_key")) {
            roles.setString(1, room);
            try (ResultSet role = roles.executeQuery()) {
                while (role.next()) {
                    lines.add("- **" + Markdown.literal(role.getString(2)) + "** (term " + role.getString(3) + ", "
                            + role.getInt(4) + (role.getInt(4) == 1 ? " seat" : " seats") + ")");
                    try (PreparedStatement terms = db.prepareStatement("SELECT holder, starts_at, ends_at FROM "
                            + "rotation_terms WHERE role_id = ? AND state = 'ACCEPTED' ORDER BY starts_at, seat")) {
                        terms.setLong(1, role.getLong(1));
                        try (ResultSet term = terms.executeQuery()) {
                            while (term.next()) {
                                lines.add("  - " + Markdown.id(term.getString(1)) + ": " + when(term.getLong(2))
                                        + " – " + when(term.getLong(3)));
                            }
                        }
                    }
                }
            }
        }
        section(out, "Roles", lines);
    }

    private static void votes(Connection db, String room, StringBuilder out) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement votes = db.prepareStatement("SELECT id, kind, question, options, secret, created_at, "
                + "closed_at FROM vote_votes WHERE room_id = ? AND state = 'CLOSED' ORDER BY id")) {
            votes.setString(1, room);
            try (ResultSet vote = votes.executeQuery()) {
                while (vote.next()) {
                    long id = vote.getLong(1);
                    boolean secret = vote.getInt(5) != 0;
                    String[] options = vote.getString(4).split("\n", -1);
                    long[] totals = totals(db, id, secret, options.length);
                    StringBuilder line = new StringBuilder("- #").append(id).append(' ')
                            .append("PROPOSAL".equals(vote.getString(2)) ? "proposal" : secret ? "secret vote" : "vote")
                            .append(" “").append(Markdown.literal(vote.getString(3))).append("”, ")
                            .append(when(vote.getLong(6))).append(" – ").append(when(vote.getLong(7))).append(": ");
                    List<String> counts = new ArrayList<>();
                    for (int i = 0; i < options.length; i++) {
                        counts.add(Markdown.literal(options[i]) + " " + totals[i + 1]);
                    }
                    lines.add(line.append(String.join(", ", counts)).append("; ").append(totals[0])
                            .append(totals[0] == 1 ? " voter" : " voters").toString());
                }
            }
        }
        section(out, "Votes", lines);
    }

    /** Index 0: how many voted; index n: the total of option n. */
    private static long[] totals(Connection db, long vote, boolean secret, int options) throws SQLException {
        long[] totals = new long[options + 1];
        String sql = secret ? "SELECT choice, total FROM vote_secret_totals WHERE vote_id = ?"
                : "SELECT choice, count(*) FROM vote_ballots WHERE vote_id = ? GROUP BY choice";
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setLong(1, vote);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int choice = rs.getInt(1);
                    if (choice >= 0 && choice <= options) {
                        totals[choice] = rs.getLong(2);
                    }
                }
            }
        }
        if (!secret) {
            try (PreparedStatement st = db.prepareStatement(
                    "SELECT count(DISTINCT user_id) FROM vote_ballots WHERE vote_id = ?")) {
                st.setLong(1, vote);
                try (ResultSet rs = st.executeQuery()) {
                    totals[0] = rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
        return totals;
    }

    private static void actions(Connection db, String room, StringBuilder out) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement actions = db.prepareStatement("SELECT a.id, a.title, a.t0, a.state, a.origin_room, "
                + "(SELECT count(*) FROM sync_rsvps r WHERE r.action_id = a.id) FROM sync_actions a "
                + "WHERE a.id IN (SELECT action_id FROM sync_rooms WHERE room_id = ?) ORDER BY a.t0, a.id")) {
            actions.setString(1, room);
            try (ResultSet action = actions.executeQuery()) {
                while (action.next()) {
                    List<String> rooms = new ArrayList<>();
                    try (PreparedStatement st = db.prepareStatement("SELECT room_id FROM sync_rooms "
                            + "WHERE action_id = ? AND state = 'active' ORDER BY room_id")) {
                        st.setLong(1, action.getLong(1));
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                rooms.add(Markdown.id(rs.getString(1)));
                            }
                        }
                    }
                    lines.add("- #" + action.getLong(1) + " “" + Markdown.literal(action.getString(2)) + "” at "
                            + when(action.getLong(3)) + ", " + action.getString(4).toLowerCase(java.util.Locale.ROOT)
                            + (room.equals(action.getString(5)) ? ", planned here" : "") + "; rooms: "
                            + String.join(", ", rooms) + "; " + action.getLong(6) + " taking part");
                }
            }
        }
        section(out, "Synchronized actions", lines);
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("\n### ").append(title).append("\n\n");
            lines.forEach(line -> out.append(line).append('\n'));
        }
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String when(long epochMillis) {
        return WHEN.format(Instant.ofEpochMilli(epochMillis));
    }
}
