package org.assemblybot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.MessageSender;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SelfIdentity;
import org.assemblybot.core.chat.UserId;

/**
 * The chat edge in memory: records everything the bot sends and answers room questions from settable
 * state, so feature tests read like conversations. Like the homeserver, it turns a repeated transaction id
 * into the same event instead of a second one (M1).
 */
public final class FakeChat implements MessageSender, RoomDirectory, SelfIdentity {
    /** What the bot did: a message, an edit of {@code target}, a reaction {@code key} or a redaction. */
    public record Sent(Kind kind, RoomId room, String txnId, EventId eventId, OutgoingMessage message,
                       EventId target, String key) {
        public enum Kind { MESSAGE, EDIT, REACTION, REDACTION }
    }

    private final Map<String, Sent> byTxn = new LinkedHashMap<>();
    private final Map<RoomId, Map<UserId, Long>> powerLevels = new HashMap<>();
    private final Map<RoomId, Long> usersDefault = new HashMap<>();
    private final Set<RoomId> encrypted = new HashSet<>();
    private final Map<RoomId, Set<UserId>> members = new HashMap<>();
    private final Set<RoomId> left = new LinkedHashSet<>();
    private final List<String> sendAttempts = new ArrayList<>();
    private final List<RoomId> joinRequests = new ArrayList<>();
    private final List<RoomId> leaveRequests = new ArrayList<>();
    private final Map<String, RoomId> aliases = new HashMap<>();
    private final List<String> resolveRequests = new ArrayList<>();
    private int refusedSends;
    private int failingEdits;
    private int failingSends;
    private ChatException nextFailure;
    private final java.util.Map<RoomId, Integer> failingSendsTo = new java.util.HashMap<>();
    private UserId self;
    private String deviceId;
    private boolean crossSigned;
    private int nextEvent = 1;

    public FakeChat(UserId self, String deviceId) {
        this.self = self;
        this.deviceId = deviceId;
    }

    public FakeChat() {
        this(new UserId("@bot:example.org"), "BOTDEVICE");
    }

    // ---- state a test sets

    public FakeChat powerLevel(RoomId room, UserId user, long level) {
        powerLevels.computeIfAbsent(room, r -> new HashMap<>()).put(user, level);
        return this;
    }

    /** A v12 room creator: outranks everyone, whatever the {@code users} map says (MSC4289). */
    public FakeChat creator(RoomId room, UserId user) {
        return powerLevel(room, user, RoomDirectory.CREATOR);
    }

    public FakeChat usersDefault(RoomId room, long level) {
        usersDefault.put(room, level);
        return this;
    }

    public FakeChat encrypted(RoomId room, boolean isEncrypted) {
        if (isEncrypted) {
            encrypted.add(room);
        } else {
            encrypted.remove(room);
        }
        return this;
    }

    public FakeChat member(RoomId room, UserId user) {
        members.computeIfAbsent(room, r -> new LinkedHashSet<>()).add(user);
        return this;
    }

    /** {@code user} is no longer a joined member of {@code room} (left or was kicked). */
    public FakeChat notMember(RoomId room, UserId user) {
        members.getOrDefault(room, new LinkedHashSet<>()).remove(user);
        return this;
    }

    public FakeChat crossSigned(boolean signed) {
        crossSigned = signed;
        return this;
    }

    /** The next {@code count} calls to {@link #send} throw {@link ChatException}, as after exhausted retries. */
    public synchronized FakeChat failNextSends(int count) {
        failingSends = count;
        return this;
    }

    /** The next {@code count} calls to {@link #send} into {@code room} throw {@link ChatException}. */
    public synchronized FakeChat failNextSendsTo(RoomId room, int count) {
        failingSendsTo.put(room, count);
        return this;
    }

    /** The next call to {@link #send} throws {@code failure} (e.g. a 401: the token was revoked). */
    public synchronized FakeChat failNextSendsWith(ChatException failure) {
        nextFailure = failure;
        return this;
    }

    /** The next {@code count} calls to {@link #edit} throw {@link ChatException}, as after exhausted retries. */
    public synchronized FakeChat failNextEdits(int count) {
        failingEdits = count;
        return this;
    }

    /** The next sends are refused for good, as a homeserver does once the bot is out of the room. */
    public synchronized FakeChat refuseNextSends(int count) {
        refusedSends = count;
        return this;
    }

    // ---- MessageSender

    @Override
    public EventId send(RoomId room, String txnId, OutgoingMessage message) {
        synchronized (this) {
            sendAttempts.add(txnId);
            if (nextFailure != null) {
                ChatException failure = nextFailure;
                nextFailure = null;
                throw failure;
            }
            if (failingSends > 0) {
                failingSends--;
                throw new ChatException("fake send failure for " + txnId);
            }
            if (failingSendsTo.getOrDefault(room, 0) > 0) {
                failingSendsTo.merge(room, -1, Integer::sum);
                throw new ChatException("fake send failure for " + txnId);
            }
            if (refusedSends > 0) {
                refusedSends--;
                throw new org.assemblybot.core.chat.ChatRefusedException("fake refusal (403) for " + txnId, null);
            }
        }
        return record(new Sent(Sent.Kind.MESSAGE, room, txnId, null, message, null, null));
    }

    @Override
    public EventId edit(RoomId room, String txnId, EventId target, OutgoingMessage replacement) {
        synchronized (this) {
            if (failingEdits > 0) {
                failingEdits--;
                throw new ChatException("fake edit failure for " + txnId);
            }
        }
        return record(new Sent(Sent.Kind.EDIT, room, txnId, null, replacement, target, null));
    }

    @Override
    public EventId react(RoomId room, String txnId, EventId target, String key) {
        return record(new Sent(Sent.Kind.REACTION, room, txnId, null, null, target, key));
    }

    @Override
    public EventId redact(RoomId room, String txnId, EventId target, String reason) {
        return record(new Sent(Sent.Kind.REDACTION, room, txnId, null, null, target, reason));
    }

    private synchronized EventId record(Sent attempt) {
        Sent earlier = byTxn.get(attempt.txnId());
        if (earlier != null) {
            return earlier.eventId();
        }
        EventId id = new EventId("$fake" + nextEvent++);
        byTxn.put(attempt.txnId(), new Sent(attempt.kind(), attempt.room(), attempt.txnId(), id, attempt.message(),
                attempt.target(), attempt.key()));
        return id;
    }

    // ---- RoomDirectory

    @Override
    public long powerLevel(RoomId room, UserId user) {
        Long level = powerLevels.getOrDefault(room, Map.of()).get(user);
        return level != null ? level : usersDefault.getOrDefault(room, 0L);
    }

    @Override
    public boolean isEncrypted(RoomId room) {
        return encrypted.contains(room);
    }

    @Override
    public Set<UserId> joinedMembers(RoomId room) {
        return Set.copyOf(members.getOrDefault(room, Set.of()));
    }

    @Override
    public Set<RoomId> joinedRooms() {
        Set<RoomId> rooms = new LinkedHashSet<>(members.keySet());
        rooms.removeAll(left);
        return rooms;
    }

    /** Makes {@code alias} (e.g. {@code #partners:example.org}) resolve to {@code room}. */
    public FakeChat alias(String alias, RoomId room) {
        aliases.put(alias, room);
        return this;
    }

    @Override
    public java.util.Optional<RoomId> resolve(String idOrAlias) {
        resolveRequests.add(idOrAlias);
        if (idOrAlias.startsWith("!")) {
            return java.util.Optional.of(new RoomId(idOrAlias));
        }
        return java.util.Optional.ofNullable(aliases.get(idOrAlias));
    }

    @Override
    public void join(RoomId room) {
        joinRequests.add(room);
        left.remove(room);
        member(room, self);
    }

    @Override
    public void leave(RoomId room) {
        leaveRequests.add(room);
        left.add(room);
    }

    // ---- SelfIdentity

    @Override
    public UserId userId() {
        return self;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public boolean deviceCrossSigned() {
        return crossSigned;
    }

    // ---- what was sent, and assertions on it

    public synchronized List<Sent> sent() {
        return List.copyOf(byTxn.values());
    }

    public List<OutgoingMessage> messagesIn(RoomId room) {
        List<OutgoingMessage> out = new ArrayList<>();
        for (Sent s : sent()) {
            if (s.kind() == Sent.Kind.MESSAGE && s.room().equals(room)) {
                out.add(s.message());
            }
        }
        return out;
    }

    /** The only message sent so far; fails if there were none or several. */
    public OutgoingMessage onlyMessage() {
        List<Sent> all = sent();
        assertEquals(1, all.size(), "expected exactly one thing sent, got " + all.size());
        assertEquals(Sent.Kind.MESSAGE, all.get(0).kind());
        return all.get(0).message();
    }

    /** The transaction id of every call to {@link #send}, in order: retries and failed attempts included. */
    public synchronized List<String> sendAttempts() {
        return List.copyOf(sendAttempts);
    }

    /** The rooms {@link #join} was called for, in order. */
    public List<RoomId> joinRequests() {
        return List.copyOf(joinRequests);
    }

    /** Every name {@link #resolve} was asked about, in order. */
    public List<String> resolveRequests() {
        return List.copyOf(resolveRequests);
    }

    /** The rooms {@link #leave} was called for, in order. */
    public List<RoomId> leaveRequests() {
        return List.copyOf(leaveRequests);
    }

    public void assertNothingSent() {
        assertTrue(sent().isEmpty(), "expected nothing sent, got " + sent().size());
    }

    /** Asserts the only message is a notice whose plain body contains {@code text}. */
    public OutgoingMessage assertOnlyNoticeContaining(String text) {
        OutgoingMessage message = onlyMessage();
        assertEquals(OutgoingMessage.Kind.NOTICE, message.kind(), "bot output must be a notice");
        assertTrue(message.body().contains(text), () -> "body <" + message.body() + "> lacks <" + text + ">");
        return message;
    }
}
