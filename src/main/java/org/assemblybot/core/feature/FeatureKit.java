package org.assemblybot.core.feature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.TimeInput;

/**
 * What every feature needs, in one place: who the bot is, the clock, the command prefix, the room's zone, the
 * outbox (messages, edits, files and direct messages leave only through it, after the commit), live messages edited in
 * place, derived transaction ids, {@code #id} parsing, time input, the scheduler and the organizer check. A feature takes this kit plus
 * its own store, config and the few special ports it uses (e.g. punctual sends), instead of a dozen
 * positional arguments. Built once in {@code app.Features}; tests build it from the same real parts with a
 * fake chat edge and a manual clock.
 */
public final class FeatureKit {
    /** The parts; {@code transactions} is the database, {@code rooms} the chat's room state. */
    public record Parts(UserId self, Clock clock, String prefix, RoomSettings settings, Outbox outbox,
                        LiveMessages live, Scheduler scheduler, Transactions transactions, RoomDirectory rooms, DirectRooms directRooms,
                        OrganizerCheck organizers) {
        public Parts {
            Objects.requireNonNull(self, "self");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(outbox, "outbox");
            Objects.requireNonNull(live, "live");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(rooms, "rooms");
            Objects.requireNonNull(organizers, "organizers");
        }
    }

    private final Parts parts;
    private final TimeInput time;

    public FeatureKit(Parts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.time = new TimeInput(parts.clock());
    }

    public UserId self() {
        return parts.self();
    }

    public Clock clock() {
        return parts.clock();
    }

    public Instant now() {
        return parts.clock().instant();
    }

    public String prefix() {
        return parts.prefix();
    }

    /** {@code !sync cancel 3}: a command as people type it here, for replies and hints. */
    public String command(String words) {
        return parts.prefix() + words;
    }

    public Scheduler scheduler() {
        return parts.scheduler();
    }

    public Transactions transactions() {
        return parts.transactions();
    }

    public Outbox outbox() {
        return parts.outbox();
    }

    /** Messages that show current state and are edited in place (a board, a roster, a countdown). */
    public LiveMessages live() {
        return parts.live();
    }

    public RoomDirectory rooms() {
        return parts.rooms();
    }

    /** Direct rooms with people; null when the bot was built without them (they open only in the relay). */
    public DirectRooms directRooms() {
        return parts.directRooms();
    }

    public OrganizerCheck organizers() {
        return parts.organizers();
    }

    public RoomSettings settings() {
        return parts.settings();
    }

    /** Time words ({@code friday 18:00}, {@code in 2h}) and durations, read with this kit's clock. */
    public TimeInput time() {
        return time;
    }

    /** The room's time zone ({@code !tz}), UTC until someone sets one. */
    public ZoneId zoneOf(RoomId room) {
        return parts.settings().zone(room).orElse(ZoneOffset.UTC);
    }

    /** Queues a notice to the room (pills in {@code text} become {@code m.mentions}; never {@code @room}). */
    public void post(RoomId room, String txnId, RichText text) {
        parts.outbox().enqueue(txnId, room, notice(text), now());
    }

    /** Queues an in-place edit of the bot's earlier message {@code target}. */
    public void edit(RoomId room, String txnId, EventId target, RichText text) {
        parts.outbox().enqueue(txnId, room, notice(text).replacing(target), now());
    }

    /** Queues a notice to a person's direct room with the bot; the relay opens the room when it sends. */
    public void tell(UserId person, String txnId, RichText text) {
        parts.outbox().enqueueDirect(txnId, person, notice(text), now());
    }

    /**
     * Queues a file to the room, in the thread of {@code threadRoot} when that is not null (M9); encrypted
     * client-side in encrypted rooms. Its event id reaches the sent-listeners like a message's.
     */
    public void postFile(RoomId room, String txnId, Attachment file, EventId threadRoot) {
        parts.outbox().enqueue(txnId, room, new Outbox.File(file, threadRoot), now());
    }

    /**
     * Queues {@code file}, which someone sent the bot, to be posted again in the room, in the thread of
     * {@code threadRoot} when that is not null (M9). The new event reuses the file's stored media (nothing is
     * downloaded); an encrypted file is refused, logged and dropped by the relay when the room is not encrypted.
     * Its event id reaches the sent-listeners like a message's.
     */
    public void forwardFile(RoomId room, String txnId, SharedFile file, EventId threadRoot) {
        parts.outbox().enqueue(txnId, room, new Outbox.Forward(file, threadRoot), now());
    }

    public static OutgoingMessage notice(RichText text) {
        return OutgoingMessage.notice(text.plain(), text.html()).mentioning(text.mentions());
    }

    /**
     * The transaction id of a message that happens once for a thing ({@code ref}, e.g. {@code vote:3}) in a room:
     * the same id however often the decision runs (M1).
     */
    public static String once(String ref, String what, RoomId room) {
        return ScheduledTxn.of(ref + ":" + what, Instant.EPOCH, room, what);
    }

    /**
     * A thing's number as people type it ({@code 3} or {@code #3}); a clear refusal otherwise.
     *
     * @param listCommand the command that lists the numbers, e.g. {@code sync list}
     */
    public long number(String word, String what, String listCommand) {
        String digits = word.strip().startsWith("#") ? word.strip().substring(1) : word.strip();
        try {
            long id = Long.parseLong(digits);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UserFacingException("`" + UserText.quotable(word, 20) + "` is not " + what + " number; `"
                + command(listCommand) + "` shows them.");
    }
}
