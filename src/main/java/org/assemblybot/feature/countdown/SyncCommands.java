package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.Target;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of {@code !sync plan/join/list/show/cancel/move} (declared in {@link CountdownFeature#commands};
 * accept and decline are {@link PartnerRooms}'), and the checks they share: the action must include the room,
 * and be planned and not yet under way.
 */
final class SyncCommands {
    private static final Logger log = LoggerFactory.getLogger(SyncCommands.class);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final SyncSteps steps;
    private final SyncAnnouncements announcements;
    private final PartnerRooms partners;
    private final SyncLiveMessages live;
    private final CountdownTexts texts;
    private final CountdownConfig config;
    private final String prefix;

    SyncCommands(FeatureKit kit, CountdownStore store, SyncSteps steps, SyncAnnouncements announcements,
                 PartnerRooms partners, SyncLiveMessages live, CountdownTexts texts, CountdownConfig config) {
        this.kit = kit;
        this.store = store;
        this.steps = steps;
        this.announcements = announcements;
        this.partners = partners;
        this.live = live;
        this.texts = texts;
        this.config = config;
        this.prefix = kit.prefix();
    }

    Reply plan(CommandContext context) {
        PlanRequest request = PlanRequest.parse(context.words(), context.options(), prefix, config);
        ZoneId zone = kit.zoneOf(context.room());
        Instant t0 = kit.time().parse(request.time(), zone);
        requireEnoughLead(t0);
        Set<RoomId> roomIds = partners.resolve(context.room(), context.sender(), request.rooms());
        for (RoomId room : roomIds) {
            if (store.plannedIn(room).size() >= CountdownFeature.MAX_PLANNED_PER_ROOM) {
                throw new UserFacingException((room.equals(context.room()) ? "This room" : "`" + room.value() + "`")
                        + " already takes part in " + CountdownFeature.MAX_PLANNED_PER_ROOM
                        + " planned actions; cancel one first.");
            }
        }
        List<Duration> notices = request.notices() != null ? request.notices() : config.defaultNotices();
        SyncAction draft = new SyncAction(0, request.title(), t0, request.duration(), notices, request.zones(),
                context.room(), context.sender(), SyncAction.State.PLANNED);
        long id = store.create(draft);
        store.setCommand(id, context.event(), context.threadRoot()); // M5: redacting it asks the planner
        if (context.has("intense")) {
            store.markIntense(id);
        }
        SyncAction action = store.find(id).orElseThrow();
        for (RoomId room : roomIds) {
            store.addRoom(id, room, partners.initial(room, context.room(), context.sender()));
        }
        announcements.announce(action);
        int asked = partners.request(action);
        steps.schedule(action);
        log.info("planned sync action #{} for {} in {} rooms, {} of them asked", id, t0, roomIds.size(), asked);

        int announced = roomIds.size() - asked;
        RichText reply = RichText.create().text("Planned #" + id + " ").bold(action.title())
                .text(": GO at " + texts.when(action, zone) + " — " + TimeInput.relative(Duration.between(kit.now(), t0))
                        + ". Announced in " + announced + (announced == 1 ? " room" : " rooms") + ".");
        if (asked > 0) {
            reply.text(" Asked " + asked + (asked == 1 ? " room" : " rooms") + " where you are not an organizer; "
                    + (asked == 1 ? "it takes" : "each takes") + " part once an organizer there answers ")
                    .code(prefix + "sync accept " + id).text(".");
        }
        steps.skewWarning().ifPresent(warning -> reply.newline().text(warning.plain()));
        return Reply.of(reply);
    }

    Reply join(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(), "join");
        requirePlanned(action, config.prepareAhead());
        partners.requireTakingPart(action, context.room());
        boolean added = store.rsvp(action.id(), context.room(), context.sender(), null);
        if (added) {
            announcements.scheduleRefresh(action.id());
        }
        String turnout = CountdownTexts.turnout(store.rsvpCounts(action.id()), context.room());
        return Reply.of(RichText.create().text(added ? "You're in for #" + action.id() + " " : "You were already in for #"
                + action.id() + " ").bold(action.title()).text(" — " + turnout + "."));
    }

    Reply list(CommandContext context) {
        List<SyncAction> planned = store.plannedIn(context.room());
        if (planned.isEmpty()) {
            return Reply.of(RichText.create().text("No synchronized actions planned here. Plan one with ")
                    .code(prefix + "sync plan \"<title>\" <time> [rooms…]").text("."));
        }
        ZoneId zone = kit.zoneOf(context.room());
        RichText text = RichText.create().text("Planned synchronized actions:");
        for (SyncAction action : planned) {
            text.newline().text("#" + action.id() + " ").bold(action.title()).text(" — " + texts.when(action, zone) + ", "
                    + store.activeRooms(action.id()).size() + " rooms, "
                    + CountdownTexts.turnout(store.rsvpCounts(action.id()), context.room()));
            if (store.rooms(action.id()).stream().anyMatch(r -> r.room().equals(context.room()) && r.pending())) {
                text.text(" — this room is asked to take part: ").code(prefix + "sync accept " + action.id())
                        .text(" or ").code(prefix + "sync decline " + action.id());
            }
        }
        return Reply.of(text);
    }

    Reply show(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(), "show");
        ZoneId zone = kit.zoneOf(context.room());
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        RichText text = RichText.create().text("#" + action.id() + " ").bold(action.title())
                .text(" (" + action.state().name().toLowerCase(Locale.ROOT) + ")").newline()
                .text("GO at " + texts.when(action, zone)).newline();
        if (action.duration() != null) {
            text.text("Lasts " + TimeInput.relativeLength(action.duration())).newline();
        }
        text.text("Notices before GO: " + String.join(", ", action.notices().stream().map(TimeInput::relativeLength).toList()))
                .newline().text("Rooms:");
        for (SyncRoom room : store.rooms(action.id())) {
            // A request nobody answered before the GO (or the cancel) has expired.
            String state = room.pending() && !action.planned() ? "did not answer" : room.participation().label();
            text.newline().text("· " + room.room().value() + " — " + state
                    + (room.active() ? ", " + counts.getOrDefault(room.room(), 0) + " in" : ""));
        }
        return Reply.of(text);
    }

    Reply cancel(CommandContext context) {
        List<String> words = context.words();
        SyncAction action = actionHere(context.room(), words, "cancel");
        requirePlanned(action, config.goLead());
        String reason = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : null;
        if (reason != null) {
            TextLimits.require("reason", reason, TextLimits.REASON,
                    "Example: `" + prefix + "sync cancel " + action.id() + " rain is coming`");
        }
        steps.stop(action);
        store.setState(action.id(), SyncAction.State.CANCELLED);
        List<RoomId> active = store.activeRooms(action.id()).stream().map(SyncRoom::room).toList();
        live.cancelled(action, active, room -> texts.cancelledAnnouncement(action, kit.zoneOf(room)));
        for (RoomId room : active) {
            kit.post(room, CountdownFeature.txn(action, "cancelled", room), texts.cancelled(action, reason));
        }
        int withdrawn = partners.withdraw(action);
        log.info("cancelled sync action #{}", action.id());
        return Reply.text("Cancelled #" + action.id() + " in " + store.activeRooms(action.id()).size() + " rooms."
                + (withdrawn == 0 ? "" : " Withdrew the request to " + withdrawn + (withdrawn == 1 ? " room." : " rooms.")));
    }

    Reply move(CommandContext context) {
        List<String> words = context.words();
        SyncAction action = actionHere(context.room(), words, "move");
        requirePlanned(action, config.prepareAhead());
        ZoneId zone = kit.zoneOf(context.room());
        Instant t0 = kit.time().parse(String.join(" ", words.subList(1, words.size())), zone);
        requireEnoughLead(t0);
        steps.stop(action);
        // The pending refresh item was just cancelled with the rest; the move re-announces with current counts,
        // and the next RSVP must be able to schedule a refresh again.
        announcements.refreshCancelled(action.id());
        store.move(action.id(), t0);
        SyncAction moved = store.find(action.id()).orElseThrow();
        announcements.announce(moved);
        for (SyncRoom room : store.activeRooms(action.id())) {
            kit.post(room.room(), CountdownFeature.txn(moved, "moved-notice-" + t0.toEpochMilli(), room.room()),
                    texts.moved(moved, kit.zoneOf(room.room())));
        }
        steps.schedule(moved);
        return Reply.of(RichText.create().text("Moved #" + action.id() + " to " + texts.when(moved, zone) + "."));
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    /** Cancelling and moving are for the organizers of the room where the action was planned. */
    Target originOf(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(),
                context.name().substring(CountdownFeature.ID.length() + 1));
        return new Target("#" + action.id(), action.originRoom(), action.createdBy());
    }

    /** The action an accept or decline answers: one that is planned and not yet under way. */
    SyncAction answerable(CommandContext context, String what) {
        SyncAction action = actionHere(context.room(), context.words(), what);
        requirePlanned(action, config.prepareAhead());
        return action;
    }

    /**
     * Planned and not under way yet. Joining and moving end when the GO is prepared; cancelling stays possible
     * until the GO leaves — an emergency stop.
     */
    private void requirePlanned(SyncAction action, Duration untilBeforeT0) {
        if (!action.planned()) {
            throw new UserFacingException("#" + action.id() + " is " + action.state().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!kit.now().isBefore(action.t0().minus(untilBeforeT0))) {
            throw new UserFacingException("#" + action.id() + " has already started.");
        }
    }

    private void requireEnoughLead(Instant t0) {
        if (t0.isBefore(kit.now().plus(config.minimumLead()))) {
            throw new UserFacingException("Plan at least " + config.minimumLead().toSeconds()
                    + " seconds ahead, so that every room can be prepared.");
        }
    }

    private SyncAction actionHere(RoomId room, List<String> words, String what) {
        if (words.isEmpty()) {
            throw new UserFacingException("Usage: `" + prefix + "sync " + what + " <id>`\nExample: `" + prefix + "sync "
                    + what + " 3`. `" + prefix + "sync list` shows the ids.");
        }
        long id = kit.number(words.get(0), "an action", "sync list");
        SyncAction action = store.find(id).orElseThrow(() -> new UserFacingException("There is no action #" + id + "."));
        boolean here = store.rooms(id).stream().anyMatch(r -> r.room().equals(room));
        if (!here) {
            throw new UserFacingException("Action #" + id + " does not include this room.");
        }
        return action;
    }
}
