package org.assemblybot.feature.assembly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reminders before each assembly, on the durable scheduler (T1). The rule stays in the assembly tables;
 * the scheduler holds the room's next reminders as one-shot items — one per (assembly start, notice offset),
 * at most {@link #MAX_ITEMS} a room (P5), for the assemblies of the next {@link #HORIZON} — plus a weekly
 * "wake" that plans further ahead. Every change (every, add, skip, cancel) and every firing plans the room
 * again from the database, so a skip drops that assembly's reminders and leaves the rhythm alone.
 *
 * <p>An item's id names the assembly and the offset, and its transaction id derives from (item, occurrence):
 * a reminder that fires twice, or is planned again after it ran, is one message (M1, T4). Misfire (T2): a
 * reminder later than its grace (a quarter of its offset, between one minute and one hour) is not sent —
 * a 24-hour reminder arriving the next morning, or a 1-hour one at the start, would mislead; the scheduler
 * records the miss and logs it, and the room's next reminders are planned.
 */
final class AssemblyReminders implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(AssemblyReminders.class);
    static final int MAX_ITEMS = 60;
    /** Covers the longest notice (30 days) plus the wake's period, so no reminder is planned too late. */
    static final Duration HORIZON = Duration.ofDays(38);
    static final Duration WAKE_EVERY = Duration.ofDays(7);
    /** How long past one-offs and skips stay, for callers that ask about the recent past. */
    private static final Duration KEPT_AFTER = Duration.ofDays(30);
    private static final String REMIND = "remind";
    private static final String WAKE = "wake";

    private final FeatureKit kit;
    private final Assemblies assemblies;
    private final AssemblyRoles roles;
    private final AssemblyTexts texts;

    AssemblyReminders(FeatureKit kit, Assemblies assemblies, AssemblyRoles roles, AssemblyTexts texts) {
        this.kit = kit;
        this.assemblies = assemblies;
        this.roles = roles;
        this.texts = texts;
    }

    /** Replaces the room's planned reminders by those the database asks for now. In the caller's transaction. */
    void replan(RoomId room) {
        kit.scheduler().cancelByRef(AssemblyFeature.ID, room.value());
        Instant now = kit.now();
        assemblies.forgetBefore(now.minus(KEPT_AFTER));
        List<Assemblies.Planned> coming = assemblies.from(room, now, Assemblies.MAX_LIMIT, false);
        List<ScheduleItem> reminders = new ArrayList<>();
        for (Assemblies.Planned assembly : coming) {
            if (assembly.start().isAfter(now.plus(HORIZON))) {
                break;
            }
            for (Duration offset : assembly.notices()) {
                Instant at = assembly.start().minus(offset);
                if (!at.isBefore(now)) { // one at this very instant included: one that already ran never runs twice
                    reminders.add(ScheduleItem.once(reminderId(room, assembly.start(), offset), AssemblyFeature.ID,
                            REMIND, room.value(), room, at, MisfirePolicy.MISS_IF_LATE, grace(offset)));
                }
            }
        }
        reminders.stream().sorted(Comparator.comparing(ScheduleItem::fireAt)).limit(MAX_ITEMS)
                .forEach(kit.scheduler()::schedule);
        if (!coming.isEmpty()) {
            kit.scheduler().schedule(ScheduleItem.once(AssemblyFeature.ID + ":" + WAKE + ":" + room.value(),
                    AssemblyFeature.ID, WAKE, room.value(), room, now.plus(WAKE_EVERY), MisfirePolicy.RUN_LATE,
                    Duration.ZERO));
        }
    }

    /** Forgets the room's reminders (M6). */
    void drop(RoomId room) {
        kit.scheduler().cancelByRef(AssemblyFeature.ID, room.value());
    }

    static Duration grace(Duration offset) {
        Duration quarter = offset.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : quarter.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : quarter;
    }

    private static String reminderId(RoomId room, Instant start, Duration offset) {
        return AssemblyFeature.ID + ":" + start.toEpochMilli() + ":" + offset.toSeconds() + ":" + room.value();
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        if (item.kind().equals(REMIND)) {
            String[] parts = item.id().split(":", 4);
            Instant start = Instant.ofEpochMilli(Long.parseLong(parts[1]));
            Duration offset = Duration.ofSeconds(Long.parseLong(parts[2]));
            assemblies.at(item.room(), start).filter(a -> !a.skipped()).ifPresent(assembly ->
                    kit.post(item.room(), ScheduledTxn.of(item.id(), occurrence, item.room(), REMIND),
                            texts.reminder(assembly, offset, kit.zoneOf(item.room()),
                                    roles.holdersAt(item.room(), start))));
        }
        replan(item.room());
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        log.info("assembly reminder {} not sent: {} late", item.id(), late);
        replan(item.room());
    }
}
