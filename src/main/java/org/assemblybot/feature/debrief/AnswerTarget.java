package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.UserText;

/**
 * Which debrief an answer or a skill tag belongs to. In a group room: its latest debrief held in the last
 * {@link #WINDOW}. In a direct room: such a debrief in a room where the person is a member — and when they were at
 * several, the one {@code --for} names (by number or room), so that a private answer never lands in the wrong room.
 */
final class AnswerTarget {
    /** Answers are taken for a week after the debrief: later, the energy (and the thread) has moved on. */
    static final Duration WINDOW = Duration.ofDays(7);
    static final OptionSpec FOR = OptionSpec.value("for", "<debrief number or #room>", "which debrief, when you were "
            + "at several in the last 7 days");

    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteSkillStore store;

    AnswerTarget(FeatureKit kit, DebriefStore debriefs, SqliteSkillStore store) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.store = store;
    }

    /** Whether the command was typed in the sender's direct room with the bot. */
    boolean isDirect(CommandContext context) {
        return kit.directRooms() != null && kit.directRooms().isDirectRoomWith(context.room(), context.sender());
    }

    /** The debrief a command's answer belongs to, or a clear refusal ending with {@code usage}. */
    Debrief of(CommandContext context, String usage) {
        if (!isDirect(context)) {
            return inRoom(context.room()).orElseThrow(() -> new UserFacingException("No debrief was held here in the "
                    + "last 7 days: answers and skill tags belong to one (its questions are posted at the debrief; `"
                    + kit.command("debrief list") + "` shows them)." + usage));
        }
        List<Debrief> attended = attended(context.sender());
        String named = context.option(FOR.name());
        if (named != null) {
            List<Debrief> chosen = attended.stream().filter(d -> names(named, d)).toList();
            if (chosen.isEmpty()) {
                throw new UserFacingException("`--for " + UserText.quotable(named, 30) + "` names no debrief held in the last 7 days "
                        + "in a room you are in." + choices(attended) + usage);
            }
            return chosen.get(0);
        }
        if (attended.isEmpty()) {
            throw new UserFacingException("I know of no debrief held in the last 7 days in a room you are in: "
                    + "answers go to a debrief once its questions were posted." + usage);
        }
        if (attended.size() > 1) {
            throw new UserFacingException("You were at several debriefs this week; say which with `--for`."
                    + choices(attended) + usage);
        }
        return attended.get(0);
    }

    /** The room's latest debrief held in the last week. */
    Optional<Debrief> inRoom(RoomId room) {
        return debriefs.inRoom(room, 10).stream().filter(this::recentlyHeld).findFirst();
    }

    /** Debriefs held in the last week in rooms where {@code person} is a member, the latest first. */
    List<Debrief> attended(UserId person) {
        return store.heldSince(kit.now().minus(WINDOW)).stream().map(debriefs::debrief).flatMap(Optional::stream)
                .filter(d -> kit.rooms().joinedMembers(d.room()).contains(person)).toList();
    }

    /** Still taking answers: held, in the last week, and the person still in its room. */
    boolean takesAnswersFrom(Debrief d, UserId person) {
        return recentlyHeld(d) && kit.rooms().joinedMembers(d.room()).contains(person);
    }

    private boolean recentlyHeld(Debrief d) {
        return d.state() == Debrief.State.HELD && !d.startsAt().isBefore(kit.now().minus(WINDOW));
    }

    /** {@code 3}, {@code #3}, or the room's id or alias. */
    private boolean names(String word, Debrief d) {
        String w = word.strip();
        String digits = w.startsWith("#") ? w.substring(1) : w;
        if (digits.matches("\\d{1,9}")) {
            return d.id() == Long.parseLong(digits);
        }
        return kit.rooms().resolve(w).map(d.room()::equals).orElse(false);
    }

    private String choices(List<Debrief> attended) {
        StringBuilder out = new StringBuilder();
        for (Debrief d : attended) {
            out.append("\n• ").append(d.label()).append(" in ").append(d.room().value()).append(": `--for ")
                    .append(d.id()).append('`');
        }
        return out.toString();
    }
}
