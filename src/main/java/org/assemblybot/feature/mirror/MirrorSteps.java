package org.assemblybot.feature.mirror;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror on the durable scheduler (T1). A room with the mirror on has one open spotlight, for its next assembly
 * that has not had one; its four steps are schedule items whose ids are fixed per room, step and assembly, so
 * planning again replaces them and each runs once (T4). Planning runs after every change: the mirror turned on,
 * assemblies moved or skipped (the open spotlight follows to the next assembly, with what was set), a card posted.
 *
 * <p>Misfire policies (T2):
 * <ul>
 *   <li>{@code brief}: RUN_LATE — a late brief still helps while the assembly is ahead; one already due when the
 *       spotlight is planned goes at once;</li>
 *   <li>{@code remind} (a day before): MISS_IF_LATE after an hour — not sent late; not planned when already past;</li>
 *   <li>{@code call} (half a day before): RUN_LATE while the assembly is ahead; not planned when already past;</li>
 *   <li>{@code card} (the start): MISS_IF_LATE within the assembly's length — a card after the assembly helps
 *       nobody: what was set moves on to the next assembly, and the room is told.</li>
 * </ul>
 */
final class MirrorSteps implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(MirrorSteps.class);
    static final String BRIEF = "brief";
    static final String REMIND = "remind";
    static final String CALL = "call";
    static final String CARD = "card";
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration REMIND_GRACE = Duration.ofHours(1);
    /** Assemblies looked through for the next one without a spotlight. */
    private static final int LOOK_AHEAD = 10;

    private final FeatureKit kit;
    private final MirrorStore store;
    private final AssemblyCalendar calendar;
    private final MirrorPrompts prompts;

    MirrorSteps(FeatureKit kit, MirrorStore store, AssemblyCalendar calendar, MirrorPrompts prompts) {
        this.kit = kit;
        this.store = store;
        this.calendar = calendar;
        this.prompts = prompts;
    }

    /**
     * Points the room's open spotlight at its next assembly without one and (re)plans its steps; with the mirror
     * off, or no assembly ahead, the steps are cancelled (what was set waits for the next assembly).
     */
    void plan(RoomId room) {
        cancel(room);
        Optional<MirrorRoom> settings = store.room(room);
        if (settings.isEmpty()) {
            return;
        }
        Optional<AssemblyCalendar.Occurrence> next = running(room).or(() -> calendar.upcoming(room,
                kit.now().plusMillis(1), LOOK_AHEAD).stream().filter(o -> !store.closedAt(room, o.start())).findFirst());
        if (next.isEmpty()) {
            return;
        }
        AssemblyCalendar.Occurrence assembly = next.get();
        Spotlight open = store.open(room).map(s -> follow(s, assembly.start()))
                .orElseGet(() -> store.create(Spotlight.open(room, assembly.start())));
        Instant start = assembly.start();
        Instant now = kit.now();
        Instant briefAt = start.minus(settings.get().lead());
        if (!open.isSet() && open.briefedAt() == null) {
            if (briefAt.isAfter(now)) {
                schedule(room, BRIEF, start, briefAt, MisfirePolicy.RUN_LATE, GRACE);
            } else {
                prompts.brief(open);
            }
        }
        Instant remindAt = start.minus(MirrorPrompts.REMIND_BEFORE);
        if (remindAt.isAfter(now) && remindAt.isAfter(briefAt)) {
            schedule(room, REMIND, start, remindAt, MisfirePolicy.MISS_IF_LATE, REMIND_GRACE);
        }
        Instant callAt = start.minus(MirrorPrompts.CALL_BEFORE);
        if (callAt.isAfter(now)) {
            schedule(room, CALL, start, callAt, MisfirePolicy.RUN_LATE, GRACE);
        }
        schedule(room, CARD, start, start, MisfirePolicy.MISS_IF_LATE, assembly.duration());
    }

    /**
     * The room's roles changed (someone volunteered, accepted, took over): a spotlight whose brief is due and went
     * to nobody goes to its researcher now, rather than at the reminder.
     */
    void rolesChanged(RoomId room) {
        Optional<MirrorRoom> settings = store.room(room);
        Optional<Spotlight> open = store.open(room);
        if (settings.isEmpty() || open.isEmpty()) {
            return;
        }
        Spotlight s = open.get();
        Instant now = kit.now();
        if (!s.isSet() && s.briefedAt() == null && !now.isBefore(s.assemblyAt().minus(settings.get().lead()))
                && now.isBefore(s.assemblyAt()) && prompts.researcher(s).isPresent()) {
            prompts.brief(s);
        }
    }

    /** The assembly of the open spotlight when it is under way and its card still due (a late trigger runs it). */
    private Optional<AssemblyCalendar.Occurrence> running(RoomId room) {
        Instant now = kit.now();
        return store.open(room).flatMap(s -> calendar.upcoming(room, s.assemblyAt(), 1).stream()
                .filter(o -> o.start().equals(s.assemblyAt()) && !o.start().isAfter(now)
                        && o.start().plus(o.duration()).isAfter(now)).findFirst());
    }

    /** The open spotlight, moved to {@code start} when its assembly moved or was skipped (its researcher told). */
    private Spotlight follow(Spotlight open, Instant start) {
        if (open.assemblyAt().equals(start)) {
            return open;
        }
        Spotlight moved = open.movedTo(start);
        store.save(moved);
        log.info("mirror spotlight {} in {} moves to the assembly at {}", open.id(), open.room().value(), start);
        prompts.moved(moved);
        return moved;
    }

    void cancel(RoomId room) {
        kit.scheduler().cancelByRef(MirrorFeature.ID, ref(room));
    }

    private void schedule(RoomId room, String kind, Instant assembly, Instant fireAt, MisfirePolicy misfire,
                          Duration grace) {
        kit.scheduler().schedule(ScheduleItem.once(ref(room) + ":" + kind + ":" + assembly.toEpochMilli(),
                MirrorFeature.ID, kind, ref(room), room, fireAt, misfire, grace));
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<Spotlight> open = spotlightOf(item);
        if (open.isEmpty()) {
            return;
        }
        Spotlight s = open.get();
        switch (item.kind()) {
            case BRIEF -> prompts.brief(s);
            case REMIND -> prompts.remind(s);
            case CALL -> prompts.call(s);
            case CARD -> {
                prompts.card(s);
                plan(s.room());
            }
            default -> log.warn("unknown mirror step {}", item.kind());
        }
    }

    /** Only a reminder or a card can be missed: a card that came too late moves what was set to the next assembly. */
    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        log.info("mirror step {} was {} late and is not run", item.id(), late);
        if (CARD.equals(item.kind())) {
            spotlightOf(item).ifPresent(s -> {
                prompts.late(s);
                plan(s.room());
            });
        }
    }

    /** The open spotlight the item was planned for; empty when it moved on or was posted meanwhile. */
    private Optional<Spotlight> spotlightOf(ScheduleItem item) {
        String id = item.id();
        long assembly;
        try {
            assembly = Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return store.open(item.room()).filter(s -> s.assemblyAt().toEpochMilli() == assembly);
    }

    static String ref(RoomId room) {
        return MirrorFeature.ID + ":" + room.value();
    }
}
