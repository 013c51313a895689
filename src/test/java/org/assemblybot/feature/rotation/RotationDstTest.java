package org.assemblybot.feature.rotation;

import static org.assemblybot.feature.rotation.RotationScene.ALI;
import static org.assemblybot.feature.rotation.RotationScene.DANA;
import static org.assemblybot.feature.rotation.RotationScene.KIM;
import static org.assemblybot.feature.rotation.RotationScene.OLGA;
import static org.assemblybot.feature.rotation.RotationScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * T3: a week-term role and a per-assembly role keep their local handover times across daylight-saving changes in
 * the zones the rule names — Berlin, New York and Lord Howe (a 30-minute shift) — in spring and in autumn: the
 * successor is asked, reminded and handed over at the same local time before and after the change.
 */
class RotationDstTest {
    private static final LocalTime ASSEMBLY_TIME = LocalTime.of(19, 0);

    @RegisterExtension
    final TestDb testDb = new TestDb();

    /** A message the bot sent, and when. */
    private record Seen(Instant at, String body) {
    }

    /**
     * Three weeks around the Sunday {@code change}: week terms from Monday to Monday (the second spans the change,
     * as does the shadow of the third), assemblies on Thursdays at 19:00 local (the second week's spans it).
     */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "Europe/Berlin, 2026-03-29", "Europe/Berlin, 2026-10-25",
        "America/New_York, 2026-03-08", "America/New_York, 2026-11-01",
        "Australia/Lord_Howe, 2026-04-05", "Australia/Lord_Howe, 2026-10-04"})
    void localHandoversAsksAndRemindersStayPutAcrossTheChange(String zoneId, LocalDate change) {
        ZoneId zone = ZoneId.of(zoneId);
        ZonedDateTime before = change.minusDays(1).atStartOfDay(zone);
        ZonedDateTime after = change.plusDays(1).atStartOfDay(zone);
        assertNotEquals(before.getOffset(), after.getOffset(), "a daylight-saving change on " + change);
        LocalDate monday = change.minusDays(13);
        RotationScene scene = new RotationScene(testDb.db(), LocalDateTime.of(monday, LocalTime.NOON).atZone(zone)
                .toInstant(), zone);
        scene.say(OLGA, "!role add Welcome --term 1w --checklist \"door code\"");
        scene.say(OLGA, "!role add Minutes --term assembly");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            scene.say(person, "!role volunteer Welcome");
        }
        for (UserId person : List.of(KIM, DANA, ALI)) {
            scene.say(person, "!role volunteer Minutes");
        }
        LocalDate thursday = monday.plusDays(3);
        scene.db.run(() -> scene.calendar.weeklyAt(ROOM, thursday.atTime(ASSEMBLY_TIME).atZone(zone), 5));
        scene.rig.relay().flush();
        scene.acceptAll();
        List<Seen> seen = run(scene, thursday.plusDays(21).atTime(ASSEMBLY_TIME).plusHours(1).atZone(zone).toInstant());

        List<LocalDate> mondays = List.of(monday.plusDays(7), monday.plusDays(14), monday.plusDays(21));
        assertEquals(mondays.stream().map(d -> d.atStartOfDay(zone).toLocalDateTime()).toList(),
                local(seen, "🔄 Handover: ", "Welcome over", zone), "week handovers at local midnight");
        // The successor of each term is asked at the start of the term before it (the shadow is the term's length).
        assertEquals(mondays.stream().map(d -> d.atStartOfDay(zone).toLocalDateTime()).toList(),
                local(seen, "🔄 Welcome from ", "you are next in line", zone), "week asks at local midnight");
        assertEquals(mondays.stream().map(d -> d.minusDays(3).atStartOfDay(zone).toLocalDateTime()).toList(),
                local(seen, "Reminder: on ", "you take Welcome", zone), "week reminders three local days before");

        List<LocalDate> thursdays = List.of(thursday.plusDays(7), thursday.plusDays(14), thursday.plusDays(21));
        assertEquals(thursdays.stream().map(d -> d.atTime(ASSEMBLY_TIME)).toList(),
                local(seen, "🔄 Handover: ", "Minutes over", zone), "assembly handovers at 19:00 local");
        // Asked at the term's own assembly (a shadow of one assembly), the first one included.
        assertEquals(List.of(thursday, thursday.plusDays(7), thursday.plusDays(14), thursday.plusDays(21)).stream()
                        .map(d -> d.atTime(ASSEMBLY_TIME)).toList(),
                local(seen, "🔄 Minutes from ", "you are next in line", zone), "assembly asks at 19:00 local");
        assertEquals(thursdays.stream().map(d -> d.minusDays(1).atTime(ASSEMBLY_TIME)).toList(),
                local(seen, "Reminder: on ", "you take Minutes", zone), "assembly reminders the local day before");
    }

    /**
     * Runs the scene from trigger to trigger until {@code end}, everyone asked accepting at once; every message the
     * bot sent with the moment it was sent.
     */
    private static List<Seen> run(RotationScene scene, Instant end) {
        List<Seen> seen = new ArrayList<>();
        int known = scene.chat.sent().size();
        while (true) {
            Instant now = scene.clock.instant();
            Instant next = scene.rig.jobs().pending().values().stream().filter(at -> !at.isAfter(end))
                    .min(Instant::compareTo).orElse(end);
            scene.advanceTo(next.isBefore(now) ? now : next);
            scene.acceptAll();
            List<FakeChat.Sent> sent = scene.chat.sent();
            for (FakeChat.Sent s : sent.subList(known, sent.size())) {
                if (s.kind() == FakeChat.Sent.Kind.MESSAGE) {
                    seen.add(new Seen(scene.clock.instant(), s.message().body()));
                }
            }
            known = sent.size();
            if (!scene.clock.instant().isBefore(end)) {
                return seen;
            }
        }
    }

    /** The local times of the messages that start with {@code start} and contain {@code part}. */
    private static List<LocalDateTime> local(List<Seen> seen, String start, String part, ZoneId zone) {
        return seen.stream().filter(s -> s.body().startsWith(start) && s.body().contains(part))
                .map(s -> s.at().atZone(zone).toLocalDateTime()).toList();
    }
}
