package org.assemblybot.feature.countdown;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Permission;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.core.text.RichText;
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
public final class CountdownFeature implements Feature, DueHandler, SentListener {
    public static final String ID = "sync";
    private static final Logger log = LoggerFactory.getLogger(CountdownFeature.class);
    private static final Duration REFRESH_DELAY = Duration.ofSeconds(15);
    private static final Duration SKEW_LIMIT = Duration.ofSeconds(1);
    /** P5: planned actions one room may be part of at a time (each holds a dozen scheduled steps). */
    static final int MAX_PLANNED_PER_ROOM = 10;
    /** The longest the bot's other messages wait for a GO (if the GO step never runs). */
    private static final Duration QUIET_AFTER_T0 = Duration.ofSeconds(2);
    /** How much before the GO's send instant its step runs, to queue the GOs and commit first. */
    static final Duration GO_COMMIT_MARGIN = Duration.ofMillis(150);

    static final CommandSpec SPEC = new CommandSpec("sync", List.of("action"),
            List.of(ArgSpec.required("what", "plan, join, list, show, cancel or move"),
                    ArgSpec.rest("details", "plan: \"<title>\" <time> [rooms…] [--zones A,B] [--duration 60s] "
                            + "[--notices 24h,1h,10m,1m] · join/show <id> · cancel <id> [reason] · move <id> <time>", false)),
            "Synchronized actions: one instant announced in partner rooms, with a countdown and a GO everywhere at "
                    + "once. Planning, cancelling and moving are for organizers.",
            "sync plan \"Minute of silence\" friday 18:00 #partners:example.org --zones Europe/Kyiv,America/Bogota "
                    + "--duration 60s",
            Permission.EVERYONE);

    private final UserId self;
    private final CountdownStore store;
    private final Scheduler scheduler;
    private final Transactions tx;
    private final Outbox outbox;
    private final QuietWindow quiet;
    private final PunctualSender punctual;
    private final RoomDirectory rooms;
    private final ServerClock serverClock;
    private final RoomSettings settings;
    private final OrganizerCheck organizers;
    private final TimeInput timeInput;
    private final Clock clock;
    private final CountdownConfig config;
    private final CountdownTexts texts;
    private final String prefix;
    /** GO messages encrypted ahead of T0, per action; rebuilt on the spot after a restart. */
    private final Map<Long, List<PunctualSender.Prepared>> preparedGo = new ConcurrentHashMap<>();
    private final Set<Long> refreshPending = ConcurrentHashMap.newKeySet();
    private final SyncCommandRedaction commandRedaction;
    private final SyncRoomRemoval roomRemoval;

    public CountdownFeature(UserId self, CountdownStore store, Scheduler scheduler, Transactions tx, Outbox outbox,
                            QuietWindow quiet,
                            PunctualSender punctual,
                            RoomDirectory rooms, ServerClock serverClock, RoomSettings settings,
                            OrganizerCheck organizers, Clock clock, CountdownConfig config, String prefix) {
        this.self = self;
        this.store = store;
        this.scheduler = scheduler;
        this.tx = tx;
        this.outbox = outbox;
        this.quiet = quiet;
        this.punctual = punctual;
        this.rooms = rooms;
        this.serverClock = serverClock;
        this.settings = settings;
        this.organizers = organizers;
        this.timeInput = new TimeInput(clock);
        this.clock = clock;
        this.config = config;
        this.texts = new CountdownTexts(prefix);
        this.prefix = prefix;
        this.commandRedaction = new SyncCommandRedaction(store, outbox, clock, prefix);
        this.roomRemoval = new SyncRoomRemoval(store, scheduler, outbox, settings, texts, clock, preparedGo::remove);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        return List.of(new Command(SPEC, this::handle));
    }

    @Override
    public DueHandler dueHandler() {
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    private Reply handle(CommandContext context) {
        List<String> words = context.words();
        String what = words.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = words.subList(1, words.size());
        return switch (what) {
            case "plan" -> plan(context, rest);
            case "join" -> join(context, rest);
            case "list" -> list(context);
            case "show" -> show(context, rest);
            case "cancel" -> cancel(context, rest);
            case "move" -> move(context, rest);
            default -> throw new UserFacingException("`" + prefix + "sync` knows plan, join, list, show, cancel and "
                    + "move. Example: `" + prefix + SPEC.example() + "`");
        };
    }

    private Reply plan(CommandContext context, List<String> words) {
        requireOrganizer(context.room(), context.sender(), "plan");
        PlanRequest request = PlanRequest.parse(words, prefix, config);
        ZoneId zone = zoneOf(context.room());
        Instant t0 = timeInput.parse(request.time(), zone);
        requireEnoughLead(t0);
        Set<RoomId> roomIds = new LinkedHashSet<>();
        roomIds.add(context.room());
        for (String partner : request.rooms()) {
            roomIds.add(partnerRoom(partner, context.sender()));
        }
        if (roomIds.size() > config.maxRooms()) {
            throw new UserFacingException("An action can span at most " + config.maxRooms() + " rooms; you listed "
                    + roomIds.size() + " (this room included).");
        }
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
            store.addRoom(id, room, txn(action, "announce", room), txn(action, "countdown", room));
        }
        announce(action, "announce");
        scheduleSteps(action);
        log.info("planned sync action #{} for {} in {} rooms", id, t0, roomIds.size());

        RichText reply = RichText.create().text("Planned #" + id + " ").bold(action.title())
                .text(": GO at " + texts.when(action, zone) + " — " + TimeInput.relative(Duration.between(clock.instant(), t0))
                        + ". Announced in " + roomIds.size() + (roomIds.size() == 1 ? " room" : " rooms") + ".");
        skewWarning().ifPresent(warning -> reply.newline().text(warning.plain()));
        return Reply.of(reply);
    }

    private Reply join(CommandContext context, List<String> words) {
        SyncAction action = actionHere(context.room(), words, "join");
        requirePlanned(action, config.prepareAhead());
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
        }
        return Reply.of(text);
    }

    private Reply show(CommandContext context, List<String> words) {
        SyncAction action = actionHere(context.room(), words, "show");
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
            text.newline().text("· " + room.room().value() + (room.active() ? "" : " (dropped)") + " — "
                    + counts.getOrDefault(room.room(), 0) + " in");
        }
        return Reply.of(text);
    }

    private Reply cancel(CommandContext context, List<String> words) {
        SyncAction action = actionHere(context.room(), words, "cancel");
        requireOrganizer(action.originRoom(), context.sender(), "cancel");
        requirePlanned(action, config.goLead());
        String reason = words.size() > 1 ? String.join(" ", words.subList(1, words.size())) : null;
        scheduler.cancelByRef(ID, ref(action));
        preparedGo.remove(action.id());
        store.setState(action.id(), SyncAction.State.CANCELLED);
        int round = store.nextEditRound(action.id());
        for (SyncRoom room : activeRooms(action.id())) {
            ZoneId zone = zoneOf(room.room());
            if (room.announceEvent() != null) {
                enqueue(room.room(), txn(action, "edit-" + round, room.room()),
                        texts.cancelledAnnouncement(action, zone), room.announceEvent());
            }
            enqueue(room.room(), txn(action, "cancelled", room.room()), texts.cancelled(action, reason), null);
        }
        log.info("cancelled sync action #{}", action.id());
        return Reply.text("Cancelled #" + action.id() + " in " + activeRooms(action.id()).size() + " rooms.");
    }

    private Reply move(CommandContext context, List<String> words) {
        SyncAction action = actionHere(context.room(), words, "move");
        requireOrganizer(action.originRoom(), context.sender(), "move");
        requirePlanned(action, config.prepareAhead());
        if (words.size() < 2) {
            throw new UserFacingException("Usage: `" + prefix + "sync move <id> <time>`\nExample: `" + prefix
                    + "sync move " + action.id() + " tomorrow 19:00`");
        }
        ZoneId zone = zoneOf(context.room());
        Instant t0 = timeInput.parse(String.join(" ", words.subList(1, words.size())), zone);
        requireEnoughLead(t0);
        scheduler.cancelByRef(ID, ref(action));
        preparedGo.remove(action.id());
        // The pending refresh item was just cancelled with the rest; the move re-announces with current counts,
        // and the next RSVP must be able to schedule a refresh again.
        refreshPending.remove(action.id());
        store.move(action.id(), t0);
        SyncAction moved = store.find(action.id()).orElseThrow();
        announce(moved, "moved-" + store.nextEditRound(action.id()));
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
        marks.add(Duration.ofSeconds(10));
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
                preparedGo.remove(action.id());
                scheduler.cancelByRef(ID, ref(action));
                store.setState(action.id(), SyncAction.State.MISSED);
                for (SyncRoom room : activeRooms(action.id())) {
                    enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "missed"),
                            texts.missedGo(action, late, config.maxGoLateness()), null);
                }
            }
            case "end" -> {
                store.setState(action.id(), SyncAction.State.DONE);
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
        Duration remaining = Duration.between(clock.instant(), action.t0());
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        for (SyncRoom room : activeRooms(action.id())) {
            RichText text = texts.countdown(action, zoneOf(room.room()), remaining);
            if (room.countdownEvent() != null) {
                enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "edit"), text, room.countdownEvent());
            } else {
                // The first countdown message; its fixed transaction id makes a repeat harmless, and the
                // outbox tells us its event id for the edits that follow.
                enqueue(room.room(), room.countdownTxn(), text, null);
            }
        }
    }

    /**
     * T0 minus a few seconds: the GO is encrypted for every room (sharing room keys then) after this step's
     * transaction commits — encryption talks to the homeserver, which must never happen while holding the
     * database. Until the GO is out, the bot's other messages wait, so the homeserver is idle at T0.
     */
    private void prepareGo(SyncAction action) {
        skewWarning().ifPresent(warning ->
                enqueue(action.originRoom(), txn(action, "skew", action.originRoom()), warning, null));
        List<GoMessage> messages = goMessages(action);
        quiet.hold(action.t0().plus(QUIET_AFTER_T0));
        tx.afterCommit(() -> preparedGo.put(action.id(), prepareAll(action.id(), messages)));
    }

    /** The GO for every active room, with its fixed transaction id (M1). */
    private record GoMessage(RoomId room, String txnId, OutgoingMessage message) {
    }

    private List<GoMessage> goMessages(SyncAction action) {
        List<SyncRoom> active = activeRooms(action.id());
        RichText go = texts.go(action, store.rsvpCounts(action.id()), active.size());
        return active.stream().map(room -> new GoMessage(room.room(), txn(action, "go", room.room()),
                OutgoingMessage.notice(go.plain(), go.html()))).toList();
    }

    /** Outside any transaction: encrypts (and shares keys) for every room. */
    private List<PunctualSender.Prepared> prepareAll(long actionId, List<GoMessage> messages) {
        List<PunctualSender.Prepared> prepared = new ArrayList<>();
        for (GoMessage go : messages) {
            try {
                prepared.add(punctual.prepare(go.room(), go.txnId(), go.message()));
            } catch (RuntimeException e) {
                log.warn("sync action #{}: could not prepare the GO for {}: {}", actionId, go.room(), e.toString());
            }
        }
        punctual.warmUp(prepared.size());
        return prepared;
    }

    /**
     * In the step's transaction the GO of every room is queued in the outbox (held by the quiet window, and
     * never sent after {@code maxGoLateness}); after the commit the prepared GOs leave in parallel at
     * T0 − lead, each confirmed to the outbox, and the quiet window ends: what failed goes out through the
     * outbox with the same transaction id (M1). A crash after the commit leaves the GOs queued, so the next
     * start sends them while they are still on time — or drops them.
     */
    private void sendGo(SyncAction action, Duration late) {
        List<GoMessage> messages = goMessages(action);
        Instant notAfter = action.t0().plus(config.maxGoLateness());
        for (GoMessage go : messages) {
            outbox.enqueue(new Outbox.Pending(go.txnId(), go.room(), null, new Outbox.Message(go.message()),
                    clock.instant(), notAfter));
        }
        for (SyncRoom room : activeRooms(action.id())) {
            if (room.countdownEvent() != null) {
                enqueue(room.room(), txn(action, "countdown-go", room.room()), texts.countdownAtGo(action),
                        room.countdownEvent());
            }
        }
        if (action.duration() == null) {
            store.setState(action.id(), SyncAction.State.DONE);
        }
        List<PunctualSender.Prepared> prepared = preparedGo.remove(action.id());
        Instant sendAt = action.t0().minus(config.goLead());
        tx.afterCommit(() -> sendPrepared(action.id(), prepared, messages, sendAt, late));
    }

    private void sendPrepared(long actionId, List<PunctualSender.Prepared> preparedEarlier, List<GoMessage> messages,
                              Instant sendAt, Duration late) {
        try {
            List<PunctualSender.Prepared> prepared = preparedEarlier != null ? preparedEarlier
                    : prepareAll(actionId, messages); // after a restart between preparing and T0
            // A room dropped since preparing (the bot left or was banned, M6) gets no GO.
            Set<RoomId> active = messages.stream().map(GoMessage::room).collect(Collectors.toSet());
            prepared = prepared.stream().filter(p -> active.contains(p.room())).toList();
            Map<RoomId, PunctualSender.Result> results = punctual.sendAll(prepared, sendAt);
            int sent = 0;
            for (PunctualSender.Prepared one : prepared) {
                PunctualSender.Result result = results.get(one.room());
                if (result != null && result.sent()) {
                    quiet.confirm(one.txnId(), one.room(), result.eventId());
                    sent++;
                } else {
                    log.warn("sync action #{}: GO to {} failed at T0; retrying through the outbox", actionId,
                            one.room());
                }
            }
            log.info("sync action #{}: GO sent to {} of {} rooms at T0, the step ran {} ms after it was due",
                    actionId, sent, messages.size(), late.toMillis());
        } finally {
            quiet.release(); // what failed or was never prepared leaves through the outbox now
        }
    }

    private void sendEnd(SyncAction action, ScheduleItem item, Instant occurrence) {
        for (SyncRoom room : activeRooms(action.id())) {
            enqueue(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "end"), texts.end(action), null);
        }
        store.setState(action.id(), SyncAction.State.DONE);
    }

    private void refreshAnnouncements(SyncAction action) {
        refreshPending.remove(action.id());
        announce(action, "refresh-" + store.nextEditRound(action.id()));
    }

    /**
     * Posts the announcement in every active room, or — once a room's announcement exists — edits it in place.
     * {@code round} names this round of edits; the first announcement has a fixed transaction id per room.
     */
    private void announce(SyncAction action, String round) {
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        List<SyncRoom> active = activeRooms(action.id());
        for (SyncRoom room : active) {
            RichText text = texts.announcement(action, zoneOf(room.room()), room.room(), counts, active.size());
            if (room.announceEvent() != null) {
                enqueue(room.room(), txn(action, round, room.room()), text, room.announceEvent());
            } else {
                enqueue(room.room(), room.announceTxn(), text, null);
            }
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
            store.actionAnnouncedBy(reaction.room(), reaction.target())
                    .flatMap(store::find)
                    .filter(SyncAction::planned)
                    .ifPresent(action -> {
                        if (store.rsvp(action.id(), reaction.room(), reaction.sender(), reaction.id())) {
                            scheduleRefresh(action.id());
                        }
                    });
        } else if (event instanceof ChatEvent.Redaction redaction) {
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
            store.dropRoom(action.id(), removed);
            log.info("sync action #{}: dropped room {} (the bot is no longer there)", action.id(), removed);
            for (SyncRoom room : activeRooms(action.id())) {
                enqueue(room.room(), txn(action, "dropped-" + removed.value(), room.room()), texts.roomDropped(action), null);
            }
        }
    }

    private static boolean isRaisedHand(String key) {
        return !key.isEmpty() && key.codePointAt(0) == CountdownTexts.HAND.codePointAt(0);
    }

    @Override
    public void sent(String txnId, RoomId room, org.assemblybot.core.chat.EventId eventId) {
        store.recordSent(txnId, eventId);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private void enqueue(RoomId room, String txnId, RichText text, org.assemblybot.core.chat.EventId replaces) {
        OutgoingMessage message = OutgoingMessage.notice(text.plain(), text.html()).mentioning(text.mentions());
        outbox.enqueue(txnId, room, replaces == null ? message : message.replacing(replaces), clock.instant());
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
        return settings.zone(room).orElse(ZoneOffset.UTC);
    }

    private Optional<RichText> skewWarning() {
        return serverClock.skew().filter(skew -> skew.exceeds(SKEW_LIMIT)).map(skew -> texts.skewWarning(skew.offset()));
    }

    private void requireOrganizer(RoomId room, UserId user, String what) {
        if (!organizers.isOrganizer(room, user)) {
            throw new UserFacingException("`" + prefix + "sync " + what + "` is for organizers of the room where the "
                    + "action was planned.");
        }
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

    private RoomId partnerRoom(String idOrAlias, UserId sender) {
        RoomId room = rooms.resolve(idOrAlias).orElseThrow(() ->
                new UserFacingException("I can't find the room `" + idOrAlias + "`. Use its id (`!abc:server`) or an "
                        + "alias (`#name:server`)."));
        if (!rooms.joinedRooms().contains(room)) {
            throw new UserFacingException("I'm not in `" + idOrAlias + "`. Invite me there first.");
        }
        if (!rooms.joinedMembers(room).contains(sender)) {
            throw new UserFacingException("You are not a member of `" + idOrAlias + "`, so you can't announce there.");
        }
        return room;
    }

    private SyncAction actionHere(RoomId room, List<String> words, String what) {
        if (words.isEmpty()) {
            throw new UserFacingException("Usage: `" + prefix + "sync " + what + " <id>`\nExample: `" + prefix + "sync "
                    + what + " 3`. `" + prefix + "sync list` shows the ids.");
        }
        long id = parseId(words.get(0).replace("#", "")).orElseThrow(() ->
                new UserFacingException("`" + words.get(0) + "` is not an action id; `" + prefix + "sync list` shows them."));
        SyncAction action = store.find(id).orElseThrow(() -> new UserFacingException("There is no action #" + id + "."));
        boolean here = store.rooms(id).stream().anyMatch(r -> r.room().equals(room));
        if (!here) {
            throw new UserFacingException("Action #" + id + " does not include this room.");
        }
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
