package org.assemblybot.feature.mirror;

import static org.assemblybot.feature.mirror.MirrorScene.ALI;
import static org.assemblybot.feature.mirror.MirrorScene.BERLIN;
import static org.assemblybot.feature.mirror.MirrorScene.DANA;
import static org.assemblybot.feature.mirror.MirrorScene.EVE;
import static org.assemblybot.feature.mirror.MirrorScene.KIM;
import static org.assemblybot.feature.mirror.MirrorScene.OLGA;
import static org.assemblybot.feature.mirror.MirrorScene.PARTNER;
import static org.assemblybot.feature.mirror.MirrorScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two months of weekly assemblies (Fridays 19:00 in Berlin, across the end of summer time on 25 October) with three
 * researchers in rotation, on the production parts: briefs, reminders, a step-in, cards at the right local time with
 * the voice note in their thread and a copy in a partner room, the no-repeat warning, region suggestions, a skipped
 * assembly, a week where nothing was set, and a restart between a brief and its assembly.
 */
class MirrorCycleTest {
    /** Monday 7 September 2026, noon in Berlin. */
    private static final Instant START = Instant.parse("2026-09-07T10:00:00Z");
    private static final ZonedDateTime FIRST = ZonedDateTime.of(2026, 9, 11, 19, 0, 0, 0, BERLIN);

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private MirrorScene scene;

    @BeforeEach
    void setUp() {
        scene = new MirrorScene(testDb.db(), START);
    }

    private static Instant assembly(int week) {
        return FIRST.plusWeeks(week).toInstant();
    }

    private UserId holderAt(Instant at) {
        Map<String, List<UserId>> holders = scene.db.inTransaction(() -> scene.rotation.holdersAt(ROOM, at));
        return holders.get("Mirror researcher").get(0);
    }

    private long cards(String country) {
        return scene.postsIn(ROOM, "Global mirror: " + country);
    }

    @Test
    void twoMonthsOfWeeklyAssembliesWithThreeResearchers() {
        scene.say(OLGA, "!assembly every friday 19:00");
        String on = scene.say(OLGA, "!mirror on --share #partner:example.org");
        assertTrue(on.contains("Global mirror on") && on.contains("volunteer with `!role volunteer \"Mirror researcher\"`")
                && on.contains("Fri 11 Sep 19:00"), on);
        for (UserId person : List.of(DANA, ALI, KIM)) {
            scene.say(person, "!role volunteer \"Mirror researcher\"");
        }

        // Week 0: Dana is briefed two days ahead, sets the spotlight from her direct room and sends a voice note.
        Instant a0 = assembly(0);
        scene.advanceTo(a0.minus(Duration.ofDays(2)).minusSeconds(1));
        assertTrue(scene.told(DANA, "you research the spotlight").isEmpty());
        scene.advanceTo(a0.minus(Duration.ofDays(2)));
        assertEquals(DANA, holderAt(a0));
        String brief = scene.told(DANA, "you research the spotlight").get(0);
        assertTrue(brief.contains("Fri 11 Sep 19:00") && brief.contains("(never)")
                && brief.contains("!mirror set <country> | <struggle> | <links> | <echo>"), brief);
        String set = scene.sayDirect(DANA, "!mirror set Chile | Water defenders in Petorca resist avocado plantations "
                + "| https://example.org/petorca https://example.org/agua | How does our water march echo theirs?");
        assertTrue(set.contains("Chile (South America · Americas)") && set.contains("2 links"), set);
        scene.voiceNote(DANA);
        assertEquals(1, scene.told(DANA, "Got your voice note").size());
        scene.advanceTo(a0.minus(Duration.ofHours(12)));
        assertTrue(scene.told(DANA, "global mirror spotlight for the assembly").isEmpty(), "nothing to remind of");
        assertEquals(0, scene.postsIn(ROOM, "Can someone else step in"));
        scene.advanceTo(a0.minusSeconds(1));
        assertEquals(0, cards("Chile"));
        scene.advanceTo(a0);
        FakeChat.Sent card = scene.posts("Global mirror: Chile").stream().filter(s -> s.room().equals(ROOM))
                .findFirst().orElseThrow();
        assertTrue(card.message().body().contains("Water defenders in Petorca") && card.message().body()
                .contains("https://example.org/agua") && card.message().body().contains("Researched by @dana"),
                card.message().body());
        assertEquals(1, scene.postsIn(PARTNER, "is looking at your part of the world"));
        assertEquals(1, scene.files.forwarded().size());
        assertEquals(card.eventId(), scene.files.forwarded().get(0).threadRoot(), "the voice note is in the thread");
        assertEquals(ROOM, scene.files.forwarded().get(0).room());
        scene.acceptAll();

        // Week 1: the researcher stays silent: a reminder a day ahead, the room asked half a day ahead (organizers
        // named); Eve steps in and sets it from the room.
        Instant a1 = assembly(1);
        scene.advanceTo(a1.minus(Duration.ofDays(2)));
        UserId silent = holderAt(a1);
        String brief1 = scene.told(silent, "you research the spotlight").get(0);
        assertFalse(brief1.contains("South America (never)"), "a region looked at is not suggested as never seen");
        assertTrue(brief1.contains("Looked at lately: Chile"), brief1);
        assertTrue(scene.say(EVE, "!mirror take").contains("researches the spotlight"), "not before the room asks");
        scene.advanceTo(a1.minus(Duration.ofDays(1)));
        assertEquals(1, scene.told(silent, "Reminder: the global mirror spotlight").size());
        scene.advanceTo(a1.minus(Duration.ofHours(12)));
        FakeChat.Sent call = scene.posts("Can someone else step in").get(0);
        assertTrue(call.message().mentions().contains(OLGA), "the organizers are told");
        assertTrue(scene.say(EVE, "!mirror take").contains("Thank you"));
        assertEquals(1, scene.told(EVE, "you research the spotlight").size());
        scene.say(EVE, "!mirror set Kenia | Nurses strike in Nairobi for safe staffing | https://example.org/nairobi "
                + "| What would our care network learn from them?");
        assertTrue(scene.say(DANA, "!mirror next").contains("Global mirror: Kenya"));
        scene.advanceTo(a1);
        assertEquals(1, cards("Kenya"));
        assertTrue(scene.posts("Global mirror: Kenya").get(0).message().body().contains("Researched by @eve"));
        scene.acceptAll();

        // Week 2 by ISO code; then the week-3 assembly is skipped before its brief: nothing is asked for it.
        Instant a2 = assembly(2);
        scene.advanceTo(a2.minus(Duration.ofDays(2)));
        scene.sayDirect(holderAt(a2), "!mirror set IN | Farmers' unions against the seed laws | https://example.org/in "
                + "| Our seed swap?");
        scene.advanceTo(a2);
        assertEquals(1, cards("India"));
        scene.acceptAll();
        scene.say(OLGA, "!assembly skip 2026-10-02");
        scene.advanceTo(assembly(3).plus(Duration.ofHours(3)));
        assertEquals(0, scene.posts("🌍").stream().filter(p -> p.message().body().contains("Fri 2 Oct")).count(),
                "nothing is prompted for a skipped assembly");

        // Week 4: briefed, set, then a restart before the assembly: the card comes once, at 19:00.
        Instant a4 = assembly(4);
        scene.advanceTo(a4.minus(Duration.ofDays(2)));
        scene.acceptAll();
        UserId r4 = holderAt(a4);
        assertEquals(1, scene.told(r4, "Fri 9 Oct 19:00").stream().filter(b -> b.contains("you research")).count());
        scene.sayDirect(r4, "!mirror set Brasil | Landless workers occupy idle estates | https://example.org/mst | "
                + "Our housing action?");
        scene.restart();
        scene.advanceTo(a4);
        assertEquals(1, cards("Brazil"));
        scene.acceptAll();

        // Week 5: Chile again, within the last six assemblies: flagged in the confirmation.
        Instant a5 = assembly(5);
        scene.advanceTo(a5.minus(Duration.ofDays(2)));
        String again = scene.sayDirect(holderAt(a5), "!mirror set CL | Students for free education | "
                + "https://example.org/edu | Our school strike?");
        assertTrue(again.contains("⚠ Chile was spotlighted on 11 Sep 2026"), again);
        scene.advanceTo(a5);
        assertEquals(2, cards("Chile"));
        scene.acceptAll();

        // Week 6: nobody sets anything: the room is asked, and no empty card is ever posted.
        Instant a6 = assembly(6);
        scene.advanceTo(a6);
        assertEquals(1, scene.posts("Can someone else step in").stream().filter(s -> s.message().body()
                .contains("Fri 23 Oct")).count());
        long cardsBefore = scene.posts("Global mirror:").size();
        scene.advanceTo(a6.plus(Duration.ofHours(1)));
        assertEquals(cardsBefore, scene.posts("Global mirror:").size());
        scene.acceptAll();

        // Week 7, after the end of summer time: 19:00 local is 18:00 UTC now.
        Instant a7 = assembly(7);
        assertEquals(Instant.parse("2026-10-30T18:00:00Z"), a7);
        scene.advanceTo(a7.minus(Duration.ofDays(2)));
        scene.sayDirect(holderAt(a7), "!mirror set Viet Nam | Garment workers organise | https://example.org/vn | "
                + "Our union drive?");
        scene.advanceTo(a7.minusSeconds(1));
        assertEquals(0, cards("Vietnam"));
        scene.advanceTo(a7);
        assertEquals(1, cards("Vietnam"));

        String history = scene.say(KIM, "!mirror history");
        assertTrue(history.indexOf("30 Oct 2026 — Vietnam") < history.indexOf("23 Oct 2026 — nothing was set")
                && history.contains("11 Sep 2026 — Chile (South America · Americas) — Water defenders in Petorca "
                + "resist avocado plantations — @dana:example.org"), history);
        assertFalse(history.contains("2 Oct"), "the skipped assembly had no spotlight");
        String map = scene.say(KIM, "!mirror map");
        assertTrue(map.contains("6 spotlights") && map.contains("South America 3") && map.contains("Eastern Africa 1"),
                map);
        // Three researchers took turns (and Eve stepped in once).
        assertTrue(scene.told(DANA, "you research").size() >= 2 && scene.told(ALI, "you research").size() >= 1
                && scene.told(KIM, "you research").size() >= 1);
    }
}
