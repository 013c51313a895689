package org.assemblybot.feature.vote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.CreatorRedactionNotice;

/** {@link VoteStore} in the {@code vote_*} tables. */
public final class SqliteVoteStore implements VoteStore {
    private static final String COLUMNS = "id, room_id, kind, question, options, max_choices, quorum, closes_at, "
            + "created_by, created_at, state, poll_event, secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Sql sql;

    public SqliteVoteStore(Database db) {
        this.db = db;
        this.sql = new Sql(db);
    }

    @Override
    public long create(Vote draft) {
        return db.inTransaction(() -> {
            sql.update("INSERT INTO vote_votes(room_id, kind, question, options, max_choices, quorum, closes_at, "
                            + "created_by, created_at, state, secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    draft.room().value(), draft.kind().name(), draft.question(), String.join("\n", draft.options()),
                    draft.maxChoices(), draft.quorum() == null ? null : draft.quorum().stored(),
                    draft.closesAt() == null ? null : draft.closesAt().toEpochMilli(), draft.createdBy().value(),
                    draft.createdAt().toEpochMilli(), Vote.State.OPEN.name(), draft.secret() ? 1 : 0);
            long id = sql.one("SELECT last_insert_rowid()", row -> row.getLong(1)).orElseThrow();
            if (draft.secret()) {
                byte[] salt = new byte[32];
                RANDOM.nextBytes(salt);
                sql.update("INSERT INTO vote_secret_salts(vote_id, salt) VALUES (?, ?)", id, HexFormat.of().formatHex(salt));
            }
            return id;
        });
    }

    @Override
    public Optional<Vote> find(long id) {
        return sql.one("SELECT " + COLUMNS + " FROM vote_votes WHERE id = ?", SqliteVoteStore::vote, id);
    }

    @Override
    public List<Vote> openIn(RoomId room) {
        return sql.list("SELECT " + COLUMNS + " FROM vote_votes WHERE room_id = ? AND state = 'OPEN' ORDER BY id",
                SqliteVoteStore::vote, room.value());
    }

    @Override
    public void setPollEvent(long id, EventId poll) {
        sql.update("UPDATE vote_votes SET poll_event = ? WHERE id = ?", poll.value(), id);
    }

    @Override
    public void setCommand(long id, EventId command, EventId threadRoot) {
        sql.update("UPDATE vote_votes SET command_event = ?, command_thread = ? WHERE id = ?", command.value(),
                threadRoot == null ? null : threadRoot.value(), id);
    }

    @Override
    public Optional<CreatorRedactionNotice.Creation> byCommand(RoomId room, EventId command) {
        return sql.one("SELECT id, command_thread FROM vote_votes WHERE room_id = ? AND command_event = ?",
                row -> new CreatorRedactionNotice.Creation(row.getLong(1),
                        row.getString(2) == null ? null : new EventId(row.getString(2))), room.value(), command.value());
    }

    @Override
    public void setPollTxn(long id, String txnId) {
        sql.update("UPDATE vote_votes SET poll_txn = ? WHERE id = ?", txnId, id);
    }

    @Override
    public Optional<Vote> byPollTxn(String txnId) {
        return sql.one("SELECT " + COLUMNS + " FROM vote_votes WHERE poll_txn = ?", SqliteVoteStore::vote, txnId);
    }

    @Override
    public Optional<Vote> byPoll(RoomId room, EventId poll) {
        return sql.one("SELECT " + COLUMNS + " FROM vote_votes WHERE room_id = ? AND poll_event = ?",
                SqliteVoteStore::vote, room.value(), poll.value());
    }

    @Override
    public boolean close(long id, Instant at) {
        return sql.update("UPDATE vote_votes SET state = 'CLOSED', closed_at = ? WHERE id = ? AND state = 'OPEN'",
                at.toEpochMilli(), id) == 1;
    }

    @Override
    public void replaceBallot(long id, UserId user, List<Integer> choices, String reason, EventId via, Instant at) {
        db.run(() -> {
            sql.update("DELETE FROM vote_ballots WHERE vote_id = ? AND user_id = ?", id, user.value());
            for (int choice : choices) {
                sql.update("INSERT INTO vote_ballots(vote_id, user_id, choice, via_event, reason, cast_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", id, user.value(), choice, via.value(), reason, at.toEpochMilli());
            }
        });
    }

    @Override
    public void addChoice(long id, UserId user, int choice, int max, EventId via, Instant at) {
        db.run(() -> {
            sql.update("DELETE FROM vote_ballots WHERE vote_id = ? AND user_id = ? AND choice = ?",
                    id, user.value(), choice);
            List<Integer> older = sql.list("SELECT choice FROM vote_ballots WHERE vote_id = ? AND user_id = ?"
                    + " ORDER BY cast_at, rowid", row -> row.getInt(1), id, user.value());
            for (int i = 0; i <= older.size() - max; i++) {
                sql.update("DELETE FROM vote_ballots WHERE vote_id = ? AND user_id = ? AND choice = ?",
                        id, user.value(), older.get(i));
            }
            sql.update("INSERT INTO vote_ballots(vote_id, user_id, choice, via_event, reason, cast_at)"
                    + " VALUES (?, ?, ?, ?, NULL, ?)", id, user.value(), choice, via.value(), at.toEpochMilli());
        });
    }

    @Override
    public Optional<Long> withdraw(RoomId room, EventId via) {
        return db.inTransaction(() -> {
            Optional<Long> vote = sql.one("SELECT b.vote_id FROM vote_ballots b JOIN vote_votes v ON v.id = b.vote_id"
                    + " WHERE v.room_id = ? AND b.via_event = ?", row -> row.getLong(1), room.value(), via.value());
            vote.ifPresent(id -> sql.update("DELETE FROM vote_ballots WHERE vote_id = ? AND via_event = ?",
                    id, via.value()));
            return vote;
        });
    }

    @Override
    public List<Ballot> ballots(long id) {
        Map<String, List<Integer>> choices = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        sql.list("SELECT user_id, choice, reason FROM vote_ballots WHERE vote_id = ? ORDER BY user_id, choice",
                row -> {
                    String user = row.getString(1);
                    choices.computeIfAbsent(user, u -> new ArrayList<>()).add(row.getInt(2));
                    if (row.getString(3) != null) {
                        reasons.put(user, row.getString(3));
                    }
                    return null;
                }, id);
        List<Ballot> ballots = new ArrayList<>();
        choices.forEach((user, chosen) -> ballots.add(new Ballot(new UserId(user), chosen, reasons.get(user))));
        return ballots;
    }

    @Override
    public boolean recordUndecryptable(long id, EventId event) {
        return sql.update("INSERT OR IGNORE INTO vote_undecryptable(vote_id, event_id) VALUES (?, ?)",
                id, event.value()) == 1;
    }

    @Override
    public int undecryptable(long id) {
        return sql.one("SELECT COUNT(*) FROM vote_undecryptable WHERE vote_id = ?", row -> row.getInt(1), id)
                .orElse(0);
    }

    @Override
    public Optional<SecretVoter> secretVoter(long id, UserId user) {
        String voter = voterHash(salt(id), user);
        return sql.one("SELECT token FROM vote_secret_voters WHERE vote_id = ? AND voter_hash = ?",
                row -> new SecretVoter(row.getString(1)), id, voter);
    }

    @Override
    public void markSecretVoter(long id, UserId user, String token) {
        String voter = voterHash(salt(id), user);
        sql.update("INSERT INTO vote_secret_voters(vote_id, voter_hash, token) VALUES (?, ?, ?)"
                + " ON CONFLICT(vote_id, voter_hash) DO UPDATE SET token = excluded.token", id, voter, token);
    }

    @Override
    public void addToSecretTotal(long id, int choice, int delta) {
        sql.update("INSERT INTO vote_secret_totals(vote_id, choice, total) VALUES (?, ?, ?)"
                + " ON CONFLICT(vote_id, choice) DO UPDATE SET total = total + excluded.total", id, choice, delta);
    }

    @Override
    public Map<Integer, Integer> secretTotals(long id) {
        Map<Integer, Integer> totals = new TreeMap<>();
        sql.list("SELECT choice, total FROM vote_secret_totals WHERE vote_id = ?",
                row -> totals.put(row.getInt(1), row.getInt(2)), id);
        return totals;
    }

    @Override
    public void forgetReasons(long id) {
        sql.update("UPDATE vote_ballots SET reason = NULL WHERE vote_id = ? AND reason IS NOT NULL", id);
    }

    @Override
    public void finishSecret(long id) {
        db.run(() -> {
            sql.update("DELETE FROM vote_secret_voters WHERE vote_id = ?", id);
            sql.update("DELETE FROM vote_secret_salts WHERE vote_id = ?", id);
        });
    }

    private String salt(long id) {
        return sql.one("SELECT salt FROM vote_secret_salts WHERE vote_id = ?", row -> row.getString(1), id)
                .orElseThrow(() -> new IllegalStateException("vote " + id + " has no salt"));
    }

    /** Hex SHA-256 of the salt's bytes followed by the user id in UTF-8. */
    static String voterHash(String saltHex, UserId user) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HexFormat.of().parseHex(saltHex));
            digest.update(user.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Vote vote(ResultSet row) throws SQLException {
        long closes = row.getLong(8);
        Instant closesAt = row.wasNull() ? null : Instant.ofEpochMilli(closes);
        String poll = row.getString(12);
        return new Vote(row.getLong(1), new RoomId(row.getString(2)), Vote.Kind.valueOf(row.getString(3)),
                row.getString(4), Arrays.asList(row.getString(5).split("\n", -1)), row.getInt(6),
                Quorum.fromStored(row.getString(7)), closesAt, new UserId(row.getString(9)),
                Instant.ofEpochMilli(row.getLong(10)), Vote.State.valueOf(row.getString(11)),
                poll == null ? null : new EventId(poll), row.getInt(13) != 0);
    }
}
