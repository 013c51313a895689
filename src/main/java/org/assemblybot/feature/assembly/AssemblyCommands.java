package org.assemblybot.feature.assembly;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.Recurrence;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.text.CodeSpans;
import org.assemblybot.core.text.UserText;

/**
 * The {@code !assembly} sub-commands. Each reads and checks everything first, so that a refusal changes nothing;
 * then it writes and calls {@code changed}, which plans the room's reminders again and tells the listeners, in
 * the command's transaction.
 */
final class AssemblyCommands {
    /** P5: one-off assemblies a room may have planned at a time. */
    static final int MAX_ONE_OFFS = 20;
    /** P5: skipped assemblies a room may have planned at a time. */
    static final int MAX_SKIPS = 50;
    static final int LISTED = 5;

    private final FeatureKit kit;
    private final AssemblyStore store;
    private final Assemblies assemblies;
    private final AssemblyTexts texts;
    private final Consumer<RoomId> changed;

    AssemblyCommands(FeatureKit kit, AssemblyStore store, Assemblies assemblies, AssemblyTexts texts,
                     Consumer<RoomId> changed) {
        this.kit = kit;
        this.store = store;
        this.assemblies = assemblies;
        this.texts = texts;
        this.changed = changed;
    }

    Reply every(CommandContext c) {
        RoomId room = c.room();
        ZoneId zone = kit.zoneOf(room);
        String usage = texts.everyUsage();
        String typed = c.arg(0).strip();
        String rule = typed.toLowerCase(Locale.ROOT).startsWith("every ") ? typed.substring(6).strip() : typed;
        Recurrence recurrence = AssemblyOptions.refusing(() -> Recurrences.fromUserText(
                rule.toLowerCase(Locale.ROOT).startsWith("cron ") ? rule : "every " + rule, zone), usage);
        Duration duration = AssemblyOptions.duration(c.option("duration"), usage);
        List<Duration> notices = AssemblyOptions.notices(c.option("notices"), usage);
        if (recurrence.next(kit.now()).isEmpty()) {
            throw new UserFacingException("`every " + UserText.quotable(rule, 60) + "` never comes again.\n" + usage);
        }
        String replaced = store.rhythm(room).map(old -> old.recurrence().encode()).orElse(null);
        store.setRhythm(new AssemblyStore.Rhythm(room, recurrence, duration, notices), kit.now());
        changed.accept(room);
        Assemblies.Planned next = new Assemblies.Planned(room, recurrence.next(kit.now()).orElseThrow(), duration,
                notices, false, false);
        return reply(texts.everySet(UserText.quotable(rule, 60), next, zone, replaced));
    }

    Reply add(CommandContext c) {
        RoomId room = c.room();
        ZoneId zone = kit.zoneOf(room);
        String usage = texts.addUsage();
        Instant start = AssemblyOptions.refusing(() -> kit.time().parse(c.arg(0), zone), usage);
        Duration duration = AssemblyOptions.duration(c.option("duration"), usage);
        List<Duration> notices = AssemblyOptions.notices(c.option("notices"), usage);
        if (assemblies.oneOffsPlanned(room, kit.now()) >= MAX_ONE_OFFS) {
            throw new UserFacingException("This room already has " + MAX_ONE_OFFS + " one-off assemblies planned, "
                    + "the most it may. `" + kit.command("assembly cancel <date>") + "` cancels one.");
        }
        Optional<Assemblies.Planned> same = assemblies.at(room, start);
        if (same.isPresent()) {
            throw new UserFacingException("There is an assembly at that time already"
                    + (same.get().skipped() ? ", and it is skipped" : "") + ": " + AssemblyTexts.when(same.get(), zone)
                    + ". Pick another time.\n" + usage);
        }
        store.addOneOff(new AssemblyStore.OneOff(0, room, start, duration, notices));
        changed.accept(room);
        return reply(texts.added(new Assemblies.Planned(room, start, duration, notices, true, false), zone));
    }

    Reply skip(CommandContext c) {
        return skipOn(c.room(), c.arg(0), texts.skipUsage());
    }

    Reply cancel(CommandContext c) {
        if (c.arg(0) != null) {
            return skipOn(c.room(), c.arg(0), texts.cancelUsage());
        }
        RoomId room = c.room();
        Optional<AssemblyStore.Rhythm> rhythm = store.rhythm(room);
        if (rhythm.isEmpty()) {
            throw new UserFacingException(texts.noRhythm());
        }
        store.endRhythm(room);
        changed.accept(room);
        return reply(texts.rhythmEnded(rhythm.get().recurrence().encode(), assemblies.oneOffsPlanned(room, kit.now())));
    }

    Reply list(CommandContext c) {
        return Reply.of(texts.list(assemblies.from(c.room(), kit.now(), LISTED, true), kit.zoneOf(c.room())));
    }

    /** Skips every assembly still to come on the local date {@code typed} (usually one). */
    private Reply skipOn(RoomId room, String typed, String usage) {
        ZoneId zone = kit.zoneOf(room);
        Instant now = kit.now();
        LocalDate date = AssemblyOptions.date(typed, LocalDate.ofInstant(now, zone), usage);
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Assemblies.Planned> that = new ArrayList<>(assemblies.from(room, dayStart.isAfter(now) ? dayStart : now,
                Assemblies.MAX_LIMIT, true).stream().takeWhile(a -> a.start().isBefore(dayEnd)).toList());
        if (that.isEmpty()) {
            throw new UserFacingException("There is no assembly to come on " + date + " here. `"
                    + kit.command("assembly list") + "` shows the next ones.\n" + usage);
        }
        List<Assemblies.Planned> toSkip = that.stream().filter(a -> !a.skipped()).toList();
        if (toSkip.isEmpty()) {
            return reply(texts.alreadySkipped(that.get(0), zone));
        }
        if (store.skippedFrom(room, now).size() + toSkip.size() > MAX_SKIPS) {
            throw new UserFacingException("This room already has " + MAX_SKIPS + " skipped assemblies planned, the "
                    + "most it may. To stop the rhythm instead: `" + kit.command("assembly cancel") + "`.");
        }
        toSkip.forEach(a -> store.skip(room, a.start()));
        changed.accept(room);
        return reply(String.join("\n", toSkip.stream().map(a -> texts.skipped(a, zone)).toList()));
    }

    private static Reply reply(String text) {
        return Reply.of(CodeSpans.render(text));
    }
}
