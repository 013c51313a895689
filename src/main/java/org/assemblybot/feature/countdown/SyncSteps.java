package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.ServerClock;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled steps of an action, from planning to the END: one schedule item per step (T-minus notices,
 * the countdown edits, preparing the GO, the GO, the end, and the refresh of the announcements), and what each
 * does when it is due, missed or given up. Messages get transaction ids derived from (item, occurrence, room),
 * so a step that runs twice or after a crash yields one message per room (M1, T4).
 */
final class SyncSteps implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(SyncSteps.class);
    private static final Duration SKEW_LIMIT = Duration.ofSeconds(1);
    /** The last countdown edit before the GO; it also carries the clock warning, if any. */
    private static final Duration FINAL_COUNTDOWN = Duration.ofSeconds(10);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final PunctualGo go;
    private final SyncLiveMessages live;
    private final SyncAnnouncements announcements;
    private final CountdownTexts texts;
    private final ServerClock serverClock;
    private final CountdownConfig config;

    /** Told when an action is over (its END, or its GO without a duration), in the step's transaction. */
    private java.util.function.Consumer<SyncAction> onFinished = action -> { };

    void onFinished(java.util.function.Consumer<SyncAction> listener) {
        this.onFinished = listener;
    }

    SyncSteps(FeatureKit kit, CountdownStore store, PunctualGo go, SyncLiveMessages live,
              SyncAnnouncements announcements, CountdownTexts texts, ServerClock serverClock, CountdownConfig config) {
        this.kit = kit;
        this.store = store;
        this.go = go;
        this.live = live;
        this.announcements = announcements;
        this.texts = texts;
        this.serverClock = serverClock;
        this.config = config;
    }

    // ---------------------------------------------------------------------------------------------
    // Scheduling

    /** One schedule item per step, from now on; steps whose moment has passed are left out. */
    void schedule(SyncAction action) {
        Instant now = kit.now();
        Instant t0 = action.t0();
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
        items.add(item(action, "go", "go", t0.minus(PunctualGo.stepAhead(config)),
                MisfirePolicy.MISS_IF_LATE, config.maxGoLateness()));
        if (action.duration() != null) {
            items.add(item(action, "end", "end", t0.plus(action.duration()), MisfirePolicy.MISS_IF_LATE, config.maxGoLateness()));
        }
        items.forEach(kit.scheduler()::schedule);
        log.debug("scheduled {} steps for sync action #{} ({})", items.size(), action.id(), CountdownFeature.ref(action));
    }

    /** Cancels every step still to come, the refresh included, and forgets a GO encrypted ahead. */
    void stop(SyncAction action) {
        kit.scheduler().cancelByRef(CountdownFeature.ID, CountdownFeature.ref(action));
        go.forget(action.id());
    }

    private static ScheduleItem item(SyncAction action, String kind, String name, Instant at, MisfirePolicy policy,
                                     Duration grace) {
        String ref = CountdownFeature.ref(action);
        return ScheduleItem.once(ref + ":" + name, CountdownFeature.ID, kind, ref, null, at, policy, grace);
    }

    // ---------------------------------------------------------------------------------------------
    // Running them

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        plannedAction(item).ifPresent(action -> {
            switch (item.kind()) {
                case "notice" -> sendNotice(action, item, occurrence);
                case "countdown" -> updateCountdown(action, item);
                case "prepare" -> go.prepare(action, goMessages(action)); // T0 minus a few seconds, see PunctualGo
                case "go" -> sendGo(action, late);
                case "end" -> sendEnd(action, item, occurrence);
                case "refresh" -> announcements.refresh(action);
                default -> log.warn("unknown step {} of sync action #{}", item.kind(), action.id());
            }
        });
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        plannedAction(item).ifPresent(action -> {
            switch (item.kind()) {
                case "go" -> missedGo(action, item, occurrence, late);
                case "end" -> missedEnd(action, item, occurrence);
                // A late notice or countdown edit is simply not sent: the next step says the current state.
                default -> log.info("sync action #{}: step {} skipped, {} ms late", action.id(), item.id(), late.toMillis());
            }
        });
    }

    /** Nothing fails silently: the GO's rooms, or the planning room for other steps, are told. */
    @Override
    public void onGaveUp(ScheduleItem item, Instant occurrence, String errorId) {
        plannedAction(item).ifPresent(action -> {
            List<RoomId> told = item.kind().equals("go")
                    ? store.activeRooms(action.id()).stream().map(SyncRoom::room).toList() : List.of(action.originRoom());
            for (RoomId room : told) {
                kit.post(room, ScheduledTxn.of(item.id(), occurrence, room, "failed"),
                        texts.stepFailed(action, item.kind(), errorId));
            }
        });
    }

    private void missedGo(SyncAction action, ScheduleItem item, Instant occurrence, Duration late) {
        log.warn("sync action #{}: GO missed, {} ms late", action.id(), late.toMillis());
        stop(action);
        store.setState(action.id(), SyncAction.State.MISSED);
        live.ended(action);
        for (SyncRoom room : store.activeRooms(action.id())) {
            kit.post(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "missed"),
                    texts.missedGo(action, late, config.maxGoLateness()));
        }
    }

    /**
     * The GO for {@code room} was queued on time, but the homeserver could not be reached before T0 + the allowed
     * lateness, so the relay dropped it. The room is told, as for a GO missed while the bot was down; it no longer
     * takes part, so no END follows there (its END, if already queued, goes too). Once no room is left, the action
     * is missed. Transaction ids are compared, as the relay knows no action: the candidates are the room's actions
     * due in the day before the deadline (whatever the lateness was when the GO was queued).
     */
    void goDropped(String txnId, RoomId room, Instant notAfter) {
        for (SyncAction action : store.dueIn(room, notAfter.minus(Duration.ofDays(1)), notAfter)) {
            if (!CountdownFeature.txn(action, "go", room).equals(txnId)) {
                continue;
            }
            log.warn("sync action #{}: the GO to {} could not be sent in time; the room is told", action.id(), room);
            kit.post(room, CountdownFeature.txn(action, "go-unsent", room), texts.unsentGo(action, config.maxGoLateness()));
            store.dropRoom(action.id(), room);
            if (action.duration() != null) {
                Instant end = action.t0().plus(action.duration());
                kit.outbox().remove(ScheduledTxn.of(CountdownFeature.ref(action) + ":end", end, room, "end"));
            }
            if (store.activeRooms(action.id()).isEmpty()) {
                stop(action);
                store.setState(action.id(), SyncAction.State.MISSED);
                live.ended(action);
            }
            return;
        }
    }

    private void missedEnd(SyncAction action, ScheduleItem item, Instant occurrence) {
        store.setState(action.id(), SyncAction.State.DONE);
        live.ended(action);
        onFinished.accept(action); // the action took place; only its END notice is late
        for (SyncRoom room : store.activeRooms(action.id())) {
            kit.post(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "missed"), texts.missedEnd(action));
        }
    }

    private void sendNotice(SyncAction action, ScheduleItem item, Instant occurrence) {
        // The planned offset, not the measured one: the notice runs within its grace or not at all.
        Duration remaining = Duration.between(item.fireAt(), action.t0());
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        for (SyncRoom room : store.activeRooms(action.id())) {
            kit.post(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "notice"),
                    texts.notice(action, kit.zoneOf(room.room()), remaining, counts, room.room()));
        }
    }

    private void updateCountdown(SyncAction action, ScheduleItem item) {
        if (item.id().endsWith(":countdown:" + FINAL_COUNTDOWN.toSeconds())) {
            // The last word before the GO (from T0 − 2 s on, the bot's other messages wait for the GO).
            skewWarning().ifPresent(warning ->
                    kit.post(action.originRoom(), CountdownFeature.txn(action, "skew", action.originRoom()), warning));
        }
        Duration remaining = Duration.between(kit.now(), action.t0());
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        for (SyncRoom room : store.activeRooms(action.id())) {
            // Posted at the first step, edited in place at the others; a step that runs twice changes nothing.
            live.countdown(action, room.room(), texts.countdown(action, kit.zoneOf(room.room()), remaining));
        }
    }

    /** The GO for every active room, with its fixed transaction id (M1). */
    private List<PunctualGo.GoMessage> goMessages(SyncAction action) {
        List<SyncRoom> active = store.activeRooms(action.id());
        RichText text = texts.go(action, store.rsvpCounts(action.id()), active.size());
        return active.stream().map(room -> new PunctualGo.GoMessage(room.room(),
                CountdownFeature.txn(action, "go", room.room()), OutgoingMessage.notice(text.plain(), text.html())))
                .toList();
    }

    private void sendGo(SyncAction action, Duration late) {
        go.send(action, goMessages(action), late);
        live.countdownAtGo(action, store.activeRooms(action.id()).stream().map(SyncRoom::room).toList(),
                texts.countdownAtGo(action));
        if (action.duration() == null) {
            store.setState(action.id(), SyncAction.State.DONE);
            live.ended(action);
            onFinished.accept(action);
        }
    }

    private void sendEnd(SyncAction action, ScheduleItem item, Instant occurrence) {
        for (SyncRoom room : store.activeRooms(action.id())) {
            kit.post(room.room(), ScheduledTxn.of(item.id(), occurrence, room.room(), "end"), texts.end(action));
        }
        store.setState(action.id(), SyncAction.State.DONE);
        live.ended(action);
        onFinished.accept(action);
    }

    /** A warning when the homeserver's clock is more than a second off ours (told with the plan and before the GO). */
    Optional<RichText> skewWarning() {
        return serverClock.skew().filter(skew -> skew.exceeds(SKEW_LIMIT)).map(skew -> texts.skewWarning(skew.offset()));
    }

    /** The action a step belongs to, if it is still planned: a cancelled or finished action does nothing more. */
    private Optional<SyncAction> plannedAction(ScheduleItem item) {
        return parseId(item.ref().substring(CountdownFeature.ID.length() + 1)).flatMap(store::find)
                .filter(SyncAction::planned);
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
