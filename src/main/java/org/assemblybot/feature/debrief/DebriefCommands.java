package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.action.FinishedActions;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;

/**
 * {@code !debrief start|care|list|cancel} and {@code !forget me}: planning a debrief after an action (a synchronized
 * one by its number, or any other by what happened), a care gathering, and forgetting a person.
 */
final class DebriefCommands {
    /** Harvest within a day: a later debrief is accepted but flagged. */
    static final Duration WITHIN = Duration.ofHours(24);
    static final int LISTED = 10;

    private final FeatureKit kit;
    private final DebriefStore store;
    private final SqliteGatheringStore gatherings;
    private final FinishedActions actions;
    private final DebriefSteps steps;
    private final DebriefTexts texts;
    private final java.util.function.Consumer<RoomId> afterForget;

    DebriefCommands(FeatureKit kit, DebriefStore store, SqliteGatheringStore gatherings, FinishedActions actions,
                    DebriefSteps steps, DebriefTexts texts, java.util.function.Consumer<RoomId> afterForget) {
        this.kit = kit;
        this.store = store;
        this.gatherings = gatherings;
        this.actions = actions;
        this.steps = steps;
        this.texts = texts;
        this.afterForget = afterForget;
    }

    /** {@code !debrief start <action id> <time>} or {@code !debrief start "<what happened>" <time> [--intense]}. */
    Reply start(CommandContext context) {
        List<String> words = context.words();
        RoomId room = context.room();
        ZoneId zone = kit.zoneOf(room);
        String usage = " Usage: `" + kit.command("debrief start <action number> <time>") + "` after a synchronized "
                + "action, or `" + kit.command("debrief start \"<what happened>\" <time>") + "`. Example: `"
                + kit.command(DebriefTexts.START_EXAMPLE) + "`.";
        if (words.size() < 2) {
            throw new UserFacingException("Say which action and when." + usage);
        }
        Optional<FinishedActions.Finished> action = actionNumber(words.get(0)).map(id -> actions.finished(room, id)
                .orElseThrow(() -> new UserFacingException("Action #" + id + " was not planned here, or is not over "
                        + "yet; `" + kit.command("sync list") + "` shows the planned ones." + usage)));
        String title = action.map(FinishedActions.Finished::title).orElse(words.get(0).strip());
        TextLimits.require("what happened", title, Debrief.MAX_TITLE, "Example: `"
                + kit.command(DebriefTexts.START_EXAMPLE) + "`");
        Instant at = kit.time().parse(String.join(" ", words.subList(1, words.size())), zone);
        if (!at.isAfter(kit.now())) {
            throw new UserFacingException("That time has passed; give one ahead, e.g. `tomorrow 19:00`.");
        }
        action.flatMap(a -> store.forAction(room, a.id())).ifPresent(d -> {
            throw new UserFacingException("Action #" + d.actionId() + " has its debrief already: " + d.label() + " at "
                    + DebriefTexts.when(d.startsAt(), zone) + ".");
        });
        Instant actionAt = action.map(FinishedActions.Finished::endedAt).orElse(kit.now());
        boolean intense = context.has("intense") || action.map(FinishedActions.Finished::intense).orElse(false);
        Debrief d = store.create(new Debrief(0, room, action.map(FinishedActions.Finished::id).orElse(null), title,
                actionAt, at, Debrief.State.PLANNED, intense, context.sender(), kit.now(), null, null));
        steps.plan(d);
        String late = Duration.between(actionAt, at).compareTo(WITHIN) > 0
                ? " ⚠ That is more than 24 hours after the action: memories and energy fade fast — sooner is better "
                + "if you can." : "";
        return Reply.text("📋 Debrief " + d.label() + " on " + DebriefTexts.when(at, zone) + "; the room is reminded "
                + "before it. At the debrief: three questions, and small roles for the next two weeks (organizers "
                + "offer them with `" + kit.command("debrief roles add <role> <slots>") + "`)." + late);
    }

    /** {@code !debrief care <time>}: a gathering without agenda, reminded like a debrief. */
    Reply care(CommandContext context) {
        RoomId room = context.room();
        ZoneId zone = kit.zoneOf(room);
        Instant at = kit.time().parse(context.arg(0), zone);
        if (!at.isAfter(kit.now())) {
            throw new UserFacingException("That time has passed; give one ahead, e.g. `" + kit.command(
                    "debrief care sunday 16:00") + "`.");
        }
        Long debrief = store.inRoom(room, 1).stream().findFirst().map(Debrief::id).orElse(null);
        Gathering g = gatherings.create(new Gathering(0, debrief, room, Gathering.Kind.CARE, null, at,
                Gathering.State.PLANNED, context.sender(), kit.now()));
        steps.plan(g);
        return Reply.text("🫖 Care gathering on " + DebriefTexts.when(at, zone) + ": no agenda, no decisions. The room "
                + "is reminded before it.");
    }

    Reply list(CommandContext context) {
        ZoneId zone = kit.zoneOf(context.room());
        List<Debrief> debriefs = store.inRoom(context.room(), LISTED);
        if (debriefs.isEmpty()) {
            return Reply.text("No debriefs here yet. After an action: `" + kit.command(DebriefTexts.START_EXAMPLE) + "`.");
        }
        RichText text = RichText.create().text("📋 Debriefs here (latest first):");
        for (Debrief d : debriefs) {
            text.newline().text("• " + d.label() + " — " + DebriefTexts.when(d.startsAt(), zone) + " — "
                    + switch (d.state()) {
                        case PLANNED -> "planned";
                        case HELD -> "held";
                        case CANCELLED -> "cancelled";
                    });
        }
        return Reply.of(text);
    }

    Reply cancel(CommandContext context) {
        long id = kit.number(context.arg(0), "a debrief", "debrief list");
        Debrief d = store.debrief(id).filter(x -> x.room().equals(context.room()))
                .orElseThrow(() -> new UserFacingException("There is no debrief #" + id + " here; `"
                        + kit.command("debrief list") + "` shows them."));
        if (d.state() != Debrief.State.PLANNED) {
            throw new UserFacingException("Debrief " + d.label() + " was " + (d.state() == Debrief.State.HELD
                    ? "held already" : "cancelled already") + ".");
        }
        steps.cancel(d);
        store.save(d.in(Debrief.State.CANCELLED));
        // Micro-roles people already signed up for are commitments of their own: they run to the end of their terms.
        return Reply.text("📋 Debrief " + d.label() + " cancelled. Micro-roles already offered for it keep running until "
                + "their terms end.");
    }

    /**
     * {@code !forget me}: the sender's signups, skill tags and progress in every debrief of this room; asked in the
     * person's direct room with the bot (where someone wary would ask), in every room.
     */
    Reply forget(CommandContext context) {
        if (!"me".equalsIgnoreCase(context.arg(0).strip())) {
            throw new UserFacingException("Only `" + kit.command("forget me") + "`: each person decides for "
                    + "themselves.");
        }
        boolean everywhere = kit.directRooms().isDirectRoomWith(context.room(), context.sender());
        List<RoomId> rooms = everywhere ? store.roomsKeeping(context.sender()) : List.of(context.room());
        int rows = 0;
        for (RoomId room : rooms) {
            rows += store.forget(room, context.sender());
            afterForget.accept(room);
        }
        String where = everywhere ? "any room's debriefs" : "this room's debriefs";
        if (rows == 0) {
            return Reply.text("I keep nothing about you in " + where + ".");
        }
        return Reply.text("Done: your signups and skill tags in " + (everywhere ? "the debriefs of " + rooms.size()
                + (rooms.size() == 1 ? " room" : " rooms") : where) + " are deleted (" + rows
                + (rows == 1 ? " entry" : " entries") + "). What you wrote in the rooms stays the rooms'.");
    }

    private static Optional<Long> actionNumber(String word) {
        String digits = word.strip().startsWith("#") ? word.strip().substring(1) : word.strip();
        if (!digits.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
