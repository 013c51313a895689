package org.assemblybot.feature.countdown;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.ServerClock;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Target;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronized actions: one instant announced in partner rooms across time zones, T-minus notices, a live
 * countdown in the final minutes, and a GO that lands in every room at once.
 *
 * Everything is in the database (T1): the action, its rooms and RSVPs, and one schedule item per step
 * (notices, countdown edits, preparing the GO, the GO, the end). Messages go through the outbox with
 * transaction ids derived from (item, occurrence, room), so every step yields one message per room even
 * when it runs twice or after a crash (M1, T4). The GO is encrypted for every room a few seconds ahead and
 * sent in parallel at T0; a GO that would be more than {@code maxGoLateness} late is not sent at all, and
 * the rooms are told why (T2).
 */
public final class CountdownFeature implements Feature, DueHandler {
    public static final String ID = "sync";
    private static final Logger log = LoggerFactory.getLogger(CountdownFeature.class);
    private static final Duration REFRESH_DELAY = Duration.ofSeconds(15);
    private static final Duration SKEW_LIMIT = Duration.ofSeconds(1);
    /** P5: planned actions one room may be part of at a time (each holds a dozen scheduled steps). */
    static final int MAX_PLANNED_PER_ROOM = 10;
    /** How much before the GO's send instant its step runs, to queue the GOs and commit first. */
    static final Duration GO_COMMIT_MARGIN = PunctualGo.COMMIT_MARGIN;
    /** The last countdown edit before the GO; it also carries the clock warning, if any. */
    private static final Duration FINAL_COUNTDOWN = Duration.ofSeconds(10);

    static final String EXAMPLE = "sync plan \"Minute of silence\" friday 18:00 #partners:example.org "
            + "--zones Europe/Kyiv,America/Bogota --duration 60s";
    private static final String ORIGIN_ORGANIZERS = "organizers of the room where the action was planned";

    private final FeatureKit kit;
    private final UserId self;
    private final CountdownStore store;
    private final Scheduler scheduler;
    private final Outbox outbox;
    private final PunctualGo go;
    private final RoomDirectory rooms;
    private final ServerClock serverClock;
    private final RoomSettings settings;
    private final OrganizerCheck organizers;
    private final TimeInput timeInput;
    private final Clock clock;
    private final CountdownConfig config;
    private final CountdownTexts texts;
    private final String prefix;
    private final Set<Long> refreshPending = ConcurrentHashMap.newKeySet();
    private final SyncCommandRedaction commandRedaction;
    private final SyncRoomRemoval roomRemoval;
    private final PartnerRooms partners;
    private final SyncLiveMessages live;

    /**
     * @param punctual    sends the GO to every room at once
     * @param quiet       holds the bot's other messages around a GO
     * @param serverClock how far the homeserver's clock is from ours (a warning when it is off)
     */
    public CountdownFeature(FeatureKit kit, CountdownStore store, PunctualSender punctual, QuietWindow quiet,
                            ServerClock serverClock, CountdownConfig config) {
        this.kit = kit;
        this.self = kit.self();
        this.store = store;
        this.scheduler = kit.scheduler();
        this.outbox = kit.outbox();
        this.go = new PunctualGo(punctual, quiet, kit.transactions(), outbox, kit.clock(), config);
        this.rooms = kit.rooms();
        this.serverClock = serverClock;
        this.settings = kit.settings();
        this.organizers = kit.organizers();
        this.timeInput = kit.time();
        this.clock = kit.clock();
        this.config = config;
        this.texts = new CountdownTexts(kit.prefix());
        this.prefix = kit.prefix();
        this.live = new SyncLiveMessages(kit.live());
        this.commandRedaction = new SyncCommandRedaction(store, outbox, clock, prefix);
        this.roomRemoval = new SyncRoomRemoval(store, scheduler, outbox, live, settings, texts, clock,
                go::forget);
        this.partners = new PartnerRooms(store, rooms, organizers, texts, config.maxRooms(), prefix,
                new PartnerRooms.Output() {
                    @Override
                    public void post(RoomId room, String txnId, RichText text) {
                        enqueue(room, txnId, text, null);
                    }

                    @Override
                    public ZoneId zoneOf(RoomId room) {
                        return CountdownFeature.this.zoneOf(room);
                    }

                    @Override
                    public void announce(SyncAction action) {
                        CountdownFeature.this.announce(action);
                    }
                });
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        ArgSpec id = ArgSpec.required("id", "the action's number, from " + prefix + "sync list");
        return List.of(Command.named("sync").aliases("action")
                .summary("Synchronized actions: one instant announced in partner rooms, with a countdown and a GO "
                        + "everywhere at once.")
                .example(EXAMPLE)
                .sub(Command.named("plan")
                        .args(ArgSpec.required("title", "what happens, in quotes when it has several words"),
                                ArgSpec.rest("time", "when, in this room's zone (e.g. friday 18:00 or in 2h), then "
                                        + "the partner rooms (#alias:server or !id:server)", true)
                                        .shownAs("<time…> [rooms…]"))
                        .options(OptionSpec.value("zones", "A,B", "more time zones to show the time in"),
                                OptionSpec.value("duration", "60s", "how long it lasts; the END is announced"),
                                OptionSpec.value("notices", "24h,1h,10m,1m|none", "when the rooms are reminded"))
                        .summary("Plans an action and announces it here and in the partner rooms; a partner room "
                                + "where you are not an organizer is asked first.")
                        .example(EXAMPLE).forOrganizers().handler(this::plan))
                .sub(Command.named("join").args(id).summary("Says you take part (or react ✋ to the announcement).")
                        .example("sync join 3").handler(this::join))
                .sub(Command.named("list").summary("Lists the planned actions this room takes part in.")
                        .example("sync list").handler(this::list))
                .sub(Command.named("show").args(id).summary("Shows an action: time, rooms and who is in.")
                        .example("sync show 3").handler(this::show))
                .sub(Command.named("cancel").args(id, ArgSpec.rest("reason", "told to every room", false))
                        .summary("Cancels an action in every room, until its GO leaves.")
                        .example("sync cancel 3 rain is coming")
                        .forOrganizersOf(ORIGIN_ORGANIZERS, this::originOf).handler(this::cancel))
                .sub(Command.named("move").args(id, ArgSpec.rest("time", "the new time", true))
                        .summary("Moves an action to another time and tells every room.")
                        .example("sync move 3 tomorrow 19:00")
                        .forOrganizersOf(ORIGIN_ORGANIZERS, this::originOf).handler(this::move))
                .sub(Command.named("accept").args(id)
                        .summary("This room takes part in an action another room asked it to join.")
                        .example("sync accept 3").forOrganizers()
                        .handler(c -> partners.accept(c, answerable(c, c.words(), "accept"))))
                .sub(Command.named("decline").args(id, ArgSpec.rest("reason", "told to the planning room", false))
                        .summary("This room does not take part; the planning room is told.")
                        .example("sync decline 3 we meet that evening").forOrganizers()
                        .handler(c -> partners.decline(c, answerable(c, c.words(), "decline"),
                                c.words().subList(1, c.words().size()))))
                .build());
    }

    @Override
    public DueHandler dueHandler() {
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** Cancelling and moving are for the organizers of the room where the action was planned. */
    private Target originOf(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(), context.name().substring(ID.length() + 1));
        return new Target("#" + action.id(), action.originRoom(), action.createdBy());
    }

    private Reply plan(CommandContext context) {
        PlanRequest request = PlanRequest.parse(context.words(), context.options(), prefix, config);
        ZoneId zone = zoneOf(context.room());
        Instant t0 = timeInput.parse(request.time(), zone);
        requireEnoughLead(t0);
        Set<RoomId> roomIds = partners.resolve(context.room(), context.sender(), request.rooms());
        for (RoomId room : roomIds) {
            if (store.plannedIn(room).size() >= MAX_PLANNED_PER_ROOM) {
                throw new UserFacingException((room.equals(context.room()) ? "This room" : "`" + room.value() + "`")
                        + " already takes part in " + MAX_PLANNED_PER_ROOM + " planned actions; cancel one first.");
            }
        }
        List<Duration> notices = request.notices() != null ? request.notices() : config.defaultNotices();
        SyncAction draft = new SyncAction(0, request.title(), t0, request.duration(), notices, request.zones(),
                context.room(), context.sender(), SyncAction.State.PLANNED);
        long id = store.create(draft);
        store.setCommand(id, context.event(), context.threadRoot()); // M5: redacting it asks the planner
        SyncAction action = store.find(id).orElseThrow();
        for (RoomId room : roomIds) {
            store.addRoom(id, room, partners.initial(room, context.room(), context.sender()));
        }
        announce(action);
        int asked = partners.request(action);
        scheduleSteps(action);
        log.info("planned sync action #{} for {} in {} rooms, {} of them asked", id, t0, roomIds.size(), asked);

        int announced = roomIds.size() - asked;
        RichText reply = RichText.create().text("Planned #" + id + " ").bold(action.title())
                .text(": GO at " + texts.when(action, zone) + " — " + TimeInput.relative(Duration.between(clock.instant(), t0))
                        + ". Announced in " + announced + (announced == 1 ? " room" : " rooms") + ".");
        if (asked > 0) {
            reply.text(" Asked " + asked + (asked == 1 ? " room" : " rooms") + " where you are not an organizer; "
                    + (asked == 1 ? "it takes" : "each takes") + " part once an organizer there answers ")
                    .code(prefix + "sync accept " + id).text(".");
        }
        skewWarning().ifPresent(warning -> reply.newline().text(warning.plain()));
        return Reply.of(reply);
    }

    private Reply join(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(), "join");
        requirePlanned(action, config.prepareAhead());
        partners.requireTakingPart(action, context.room());
        boolean added = store.rsvp(action.id(), context.room(), context.sender(), null);
        if (added) {
            scheduleRefresh(action.id());
        }
        String turnout = CountdownTexts.turnout(store.rsvpCounts(action.id()), context.room());
        return Reply.of(RichText.create().text(added ? "You're in for #" + action.id() + " " : "You were already in for #"
                + action.id() + " ").bold(action.title()).text(" — " + turnout + "."));
    }

    private Reply list(CommandContext context) {
        List<SyncAction> planned = store.plannedIn(context.room());
        if (planned.isEmpty()) {
            return Reply.of(RichText.create().text("No synchronized actions planned here. Plan one with ")
                    .code(prefix + "sync plan \"<title>\" <time> [rooms…]").text("."));
        }
        ZoneId zone = zoneOf(context.room());
        RichText text = RichText.create().text("Planned synchronized actions:");
        for (SyncAction action : planned) {
            text.newline().text("#" + action.id() + " ").bold(action.title()).text(" — " + texts.when(action, zone) + ", "
                    + activeRooms(action.id()).size() + " rooms, " + CountdownTexts.turnout(store.rsvpCounts(action.id()),
                    context.room()));
            if (store.rooms(action.id()).stream().anyMatch(r -> r.room().equals(context.room()) && r.pending())) {
                text.text(" — this room is asked to take part: ").code(prefix + "sync accept " + action.id())
                        .text(" or ").code(prefix + "sync decline " + action.id());
            }
        }
        return Reply.of(text);
    }

    private Reply show(CommandContext context) {
        SyncAction action = actionHere(context.room(), context.words(), "show");
        ZoneId zone = zoneOf(context.room());
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

    private Reply cancel(CommandContext context) {
        List<String> words = context.words();
        SyncAction action = actionHere(context.room(), words, "cancel");
        requirePlanned(action, config.goLead());
        String reason = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : null;
        if (reason != null) {
            TextLimits.require("reason", reason, TextLimits.REASON,
                    "Example: `" + prefix + "sync cancel " + action.id() + " rain is coming`");
        }
        scheduler.cancelByRef(ID, ref(action));
        go.forget(action.id());
        store.setState(action.id(), SyncAction.State.CANCELLED);
        List<RoomId> active = activeRooms(action.id()).stream().map(SyncRoom::room).toList();
        live.cancelled(action, active, room -> texts.cancelledAnnouncement(action, zoneOf(room)));
        for (RoomId room : active) {
            enqueue(room, txn(action, "cancelled", room), texts.cancelled(action, reason), null);
        }
        int withdrawn = partners.withdraw(action);
        log.info("cancelled sync action #{}", action.id());
        return Reply.text("Cancelled #" + action.id() + " in " + activeRooms(action.id()).size() + " rooms."
                + (withdrawn == 0 ? "" : " Withdrew the request to " + withdrawn + (withdrawn == 1 ? " room." : " rooms.")));
    }

    private Reply move(CommandContext context) {
        List<String> words = context.words();
        SyncAction action = actionHere(context.room(), words, "move");
        requirePlanned(action, config.prepareAhead());
        ZoneId zone = zoneOf(context.room());
        Instant t0 = timeInput.parse(String.join(" ", words.subList(1, words.size())), zone);
        requireEnoughLead(t0);
        scheduler.cancelByRef(ID, ref(action));
        go.forget(action.id());
        // The pending refresh item was just cancelled with the rest; the move re-announces with current counts,
        // and the next RSVP must be able to schedule a refresh again.
        refreshPending.remove(action.id());
        store.move(action.id(), t0);
        SyncAction moved = store.find(action.id()).orElseThrow();
        announce(moved);
        for (SyncRoom room : activeRooms(action.id())) {
            enqueue(room.room(), txn(moved, "moved-notice-" + t0.toEpochMilli(), room.room()),
                    texts.moved(moved, zoneOf(room.room())), null);
        }
        scheduleSteps(moved);
        return Reply.of(RichText.create().text("Moved #" + action.id() + " to " + texts.when(moved, zone) + "."));
    }

    // ---------------------------------------------------------------------------------------------
    // Scheduled steps

    /** One schedule item per step, from now on; steps whose moment has passed are left out. */
    private void scheduleSteps(SyncAction action) {
        Instant now = clock.instant();
        Instant t0 = action.t0();
        String ref = ref(action);
        List<ScheduleItem> items = new ArrayList<>();
        for (Duration offset : action.notices()) {
            Instant at = t0.minus(offset);
            if (at.isAfter(now)) {
                items.add(item(action, "notice", "notice:" + offset.toSeconds(), at, MisfirePolicy.MISS_IF_LATE,
                        offset.dividedBy(10)));
            }
        }
        // In the final ten minutes a live countdown message is edited in place once a minute, then at T-10 s
        // (M2: a handful of edits per room).
        List<Duration> marks = new ArrayList<>();
        for (int minutes = 10; minutes >= 1; minutes--) {
            marks.add(Duration.ofMinutes(minutes));
        }
        marks.add(FINAL_COUNTDOWN);
        for (Duration mark : marks) {
            Instant at = t0.minus(mark);
            if (at.isAfter(now)) {
                items.add(item(action, "countdown", "countdown:" + mark.toSeconds(), at, MisfirePolicy.MISS_IF_LATE,
                        Duration.ofSeconds(5)));
            }
        }
        // A countdown starting late (planned less than ten minutes ahead) begins right away.
        if (Duration.between(now, t0).compareTo(CountdownConfig.COUNTDOWN_WINDOW) < 0) {
            items.add(item(action, "countdown", "countdown:start", now, MisfirePolicy.MISS_IF_LATE, Duration.ofSeconds(5)));
        }
        items.add(item(action, "prepare", "prepare", t0.minus(config.prepareAhead()), MisfirePolicy.RUN_LATE, Duration.ZERO));
        // The step runs a little ahead, so its commit is done when the requests leave at T0 − lead.
        items.add(item(action, "go", "go", t0.minus(config.goLead()).minus(GO_COMMIT_MARGIN), MisfirePolicy.MISS_IF_LATE,
                config.maxGoLateness()));
        if (action.duration() != null) {
            items.add(item(action, "end", "end", t0.plus(action.duration()), MisfirePolicy.MISS_IF_LATE, config.maxGoLateness()));
        }
        items.forEach(scheduler::schedule);
        log.debug("scheduled {} steps for sync action #{} ({})", items.size(), action.id(), ref);
    }

    private static ScheduleItem item(SyncAction action, String kind, String name, Instant at, MisfirePolicy policy,
                                     Duration grace) {
        return ScheduleItem.once(ref(action) + ":" + name, ID, kind, ref(action), null, at, policy, grace);
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<SyncAction> found = actionOf(item);
        if (found.isEmpty() || !found.get().planned()) {
            return;
        }
        SyncAction action = found.get();
        switch (item.kind()) {
            case "notice" -> sendNotice(action, item, occurrence);
            case "countdown" -> updateCountdown(action, item, occurrence);
            case "prepare" -> prepareGo(action);
            case "go" -> sendGo(action, late);
            case "end" -> sendEnd(action, item, occurrence);
            case "refresh" -> refreshAnnouncements(action);
            default -> log.warn("unknown step {} of sync action #{}", item.kind(), action.id());
        }
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<SyncAction> found = actionOf(item);
        if (found.isEmpty() || !found.get().planned()) {
            return;
        }
        SyncAction action = found.get();
        switch (item.kind()) {
            case "go" -> {
                log.warn("sync action #{}: GO missed, {} ms late", action.id(), late.toMillis());
                go.forget(action.id());
                scheduler.cancelByRef(ID, ref(action));
                store.setState(action.id(), SyncAction.State.MISSED);
                live.ended(action);
                for (SyncRoom room : activeRooms(action.id())) {
                    enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "missed"),
                            texts.missedGo(action, late, config.maxGoLateness()), null);
                }
            }
            case "end" -> {
                store.setState(action.id(), SyncAction.State.DONE);
                live.ended(action);
                for (SyncRoom room : activeRooms(action.id())) {
                    enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "missed"),
                            texts.missedEnd(action), null);
                }
            }
            // A late notice or countdown edit is simply not sent: the next step says the current state.
            default -> log.info("sync action #{}: step {} skipped, {} ms late", action.id(), item.id(), late.toMillis());
        }
    }

    /** Nothing fails silently: the GO's rooms, or the planning room for other steps, are told. */
    @Override
    public void onGaveUp(ScheduleItem item, Instant occurrence, String errorId) {
        Optional<SyncAction> found = actionOf(item);
        if (found.isEmpty() || !found.get().planned()) {
            return;
        }
        SyncAction action = found.get();
        List<RoomId> told = item.kind().equals("go")
                ? activeRooms(action.id()).stream().map(SyncRoom::room).toList() : List.of(action.originRoom());
        for (RoomId room : told) {
            enqueue(room, ScheduledTxn.of(item.id(), occurrence, room, "failed"),
                    texts.stepFailed(action, item.kind(), errorId), null);
        }
    }

    private void sendNotice(SyncAction action, ScheduleItem item, Instant occurrence) {
        // The planned offset, not the measured one: the notice runs within its grace or not at all.
        Duration remaining = Duration.between(item.fireAt(), action.t0());
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        for (SyncRoom room : activeRooms(action.id())) {
            enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "notice"),
                    texts.notice(action, zoneOf(room.room()), remaining, counts, room.room()), null);
        }
    }

    private void updateCountdown(SyncAction action, ScheduleItem item, Instant occurrence) {
        if (item.id().endsWith(":countdown:" + FINAL_COUNTDOWN.toSeconds())) {
            // The last word before the GO (from T0 − 2 s on, the bot's other messages wait for the GO).
            skewWarning().ifPresent(warning ->
                    enqueue(action.originRoom(), txn(action, "skew", action.originRoom()), warning, null));
        }
        Duration remaining = Duration.between(clock.instant(), action.t0());
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        for (SyncRoom room : activeRooms(action.id())) {
            // Posted at the first step, edited in place at the others; a step that runs twice changes nothing.
            live.countdown(action, room.room(), texts.countdown(action, zoneOf(room.room()), remaining));
        }
    }

    /** T0 minus a few seconds: the GO is made ready for every room (see {@link PunctualGo}). */
    private void prepareGo(SyncAction action) {
        go.prepare(action, goMessages(action));
    }

    /** The GO for every active room, with its fixed transaction id (M1). */
    private List<PunctualGo.GoMessage> goMessages(SyncAction action) {
        List<SyncRoom> active = activeRooms(action.id());
        RichText text = texts.go(action, store.rsvpCounts(action.id()), active.size());
        return active.stream().map(room -> new PunctualGo.GoMessage(room.room(), txn(action, "go", room.room()),
                OutgoingMessage.notice(text.plain(), text.html()))).toList();
    }

    private void sendGo(SyncAction action, Duration late) {
        go.send(action, goMessages(action), late);
        live.countdownAtGo(action, activeRooms(action.id()).stream().map(SyncRoom::room).toList(),
                texts.countdownAtGo(action));
        if (action.duration() == null) {
            store.setState(action.id(), SyncAction.State.DONE);
            live.ended(action);
        }
    }

    private void sendEnd(SyncAction action, ScheduleItem item, Instant occurrence) {
        for (SyncRoom room : activeRooms(action.id())) {
            enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "end"), texts.end(action), null);
        }
        store.setState(action.id(), SyncAction.State.DONE);
        live.ended(action);
    }

    private void refreshAnnouncements(SyncAction action) {
        refreshPending.remove(action.id());
        announce(action);
    }

    /**
     * Shows the announcement in every active room with the current counts: posted where it is new, edited in
     * place where it changed (a live message each, which coalesces what comes in a burst).
     */
    private void announce(SyncAction action) {
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        List<SyncRoom> active = activeRooms(action.id());
        for (SyncRoom room : active) {
            live.announce(action, room.room(),
                    texts.announcement(action, zoneOf(room.room()), room.room(), counts, active.size()));
        }
    }

    /** RSVPs come in bursts: edit the announcements once for all of them, a little later. */
    private void scheduleRefresh(long actionId) {
        if (refreshPending.add(actionId)) {
            SyncAction action = store.find(actionId).orElseThrow();
            scheduler.schedule(ScheduleItem.once(ref(action) + ":refresh", ID, "refresh", ref(action), null,
                    clock.instant().plus(REFRESH_DELAY), MisfirePolicy.RUN_LATE, Duration.ZERO));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Events: ✋ reactions, withdrawn reactions, the bot leaving a room

    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Reaction reaction && isRaisedHand(reaction.key())) {
            live.actionAnnouncedBy(reaction.room(), reaction.target())
                    .flatMap(store::find)
                    .filter(SyncAction::planned)
                    .ifPresent(action -> {
                        if (store.rsvp(action.id(), reaction.room(), reaction.sender(), reaction.id())) {
                            scheduleRefresh(action.id());
                        }
                    });
        } else if (event instanceof ChatEvent.Redaction redaction) {
            live.redacted(redaction.room(), redaction.redacts());
            store.withdrawRsvp(redaction.room(), redaction.redacts()).ifPresent(this::scheduleRefresh);
            commandRedaction.onRedaction(redaction);
        } else if (event instanceof ChatEvent.Membership membership && membership.target().equals(self)
                && (membership.membership().equals("leave") || membership.membership().equals("ban"))) {
            roomRemoval.cancelPlannedFrom(membership.room());
            dropRoom(membership.room());
        }
    }

    /** M6: removed from a partner room — drop it from every action and tell the others. */
    private void dropRoom(RoomId removed) {
        for (SyncAction action : store.plannedIn(removed)) {
            boolean tookPart = activeRooms(action.id()).stream().anyMatch(r -> r.room().equals(removed));
            store.dropRoom(action.id(), removed);
            log.info("sync action #{}: dropped room {} (the bot is no longer there)", action.id(), removed);
            if (!tookPart) {
                continue; // only asked: the others never heard of it
            }
            for (SyncRoom room : activeRooms(action.id())) {
                enqueue(room.room(), txn(action, "dropped-" + removed.value(), room.room()), texts.roomDropped(action), null);
            }
        }
    }

    private static boolean isRaisedHand(String key) {
        return !key.isEmpty() && key.codePointAt(0) == CountdownTexts.HAND.codePointAt(0);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private void enqueue(RoomId room, String txnId, RichText text, org.assemblybot.core.chat.EventId replaces) {
        if (replaces == null) {
            kit.post(room, txnId, text);
        } else {
            kit.edit(room, txnId, replaces, text);
        }
    }

    private List<SyncRoom> activeRooms(long actionId) {
        return store.rooms(actionId).stream().filter(SyncRoom::active).toList();
    }

    private Optional<SyncAction> actionOf(ScheduleItem item) {
        return parseId(item.ref().substring(ID.length() + 1)).flatMap(store::find);
    }

    private static String ref(SyncAction action) {
        return ID + ":" + action.id();
    }

    /** The transaction id of a per-room message of the action that happens once (not per occurrence). */
    static String txn(SyncAction action, String what, RoomId room) {
        return ScheduledTxn.of(ref(action) + ":" + what, action.t0(), room, what);
    }

    private ZoneId zoneOf(RoomId room) {
        return kit.zoneOf(room);
    }

    private Optional<RichText> skewWarning() {
        return serverClock.skew().filter(skew -> skew.exceeds(SKEW_LIMIT)).map(skew -> texts.skewWarning(skew.offset()));
    }

    /**
     * Planned and not under way yet. Joining and moving end when the GO is prepared; cancelling stays possible
     * until the GO leaves — an emergency stop.
     */
    private void requirePlanned(SyncAction action, Duration untilBeforeT0) {
        if (!action.planned()) {
            throw new UserFacingException("#" + action.id() + " is " + action.state().name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!clock.instant().isBefore(action.t0().minus(untilBeforeT0))) {
            throw new UserFacingException("#" + action.id() + " has already started.");
        }
    }

    private void requireEnoughLead(Instant t0) {
        if (t0.isBefore(clock.instant().plus(config.minimumLead()))) {
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

    /** The action an accept or decline answers: one that is planned and not yet under way. */
    private SyncAction answerable(CommandContext context, List<String> words, String what) {
        SyncAction action = actionHere(context.room(), words, what);
        requirePlanned(action, config.prepareAhead());
        return action;
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
