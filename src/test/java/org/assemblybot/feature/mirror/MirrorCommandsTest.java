package org.assemblybot.feature.mirror;

import static org.assemblybot.feature.mirror.MirrorScene.ALI;
import static org.assemblybot.feature.mirror.MirrorScene.BERLIN;
import static org.assemblybot.feature.mirror.MirrorScene.BOT;
import static org.assemblybot.feature.mirror.MirrorScene.DANA;
import static org.assemblybot.feature.mirror.MirrorScene.KIM;
import static org.assemblybot.feature.mirror.MirrorScene.OLGA;
import static org.assemblybot.feature.mirror.MirrorScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import java.util.List;
import org.assemblybot.testkit.StoredValues;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mirror's commands and events: permissions, bad input, on and off, posting now, moves, files, leaving. */
class MirrorCommandsTest {
    private static final Instant START = Instant.parse("2026-09-07T10:00:00Z");
    /** Fridays 19:00 in Berlin. */
    private static final Instant A0 = ZonedDateTime.of(2026, 9, 11, 19, 0, 0, 0, BERLIN).toInstant();
    private static final Instant A1 = A0.plus(Duration.ofDays(7));
    private static final Instant A2 = A1.plus(Duration.ofDays(7));
    private static final String SPOTLIGHT = " | Water defenders | https://example.org/w | Our march?";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private MirrorScene scene;

    @BeforeEach
    void setUp() {
        scene = new MirrorScene(testDb.db(), START);
    }

    private void mirrorWithDana() {
        scene.say(OLGA, "!assembly every friday 19:00");
        scene.say(OLGA, "!mirror on");
        scene.say(DANA, "!role volunteer \"Mirror researcher\"");
    }

    @Test
    void withoutAssembliesTheMirrorWaitsAndSaysHowToPlanThem() {
        assertTrue(scene.say(OLGA, "!mirror on").contains("No assembly is planned yet: `!assembly every"));
        assertTrue(scene.say(OLGA, "!mirror set Chile" + SPOTLIGHT).contains("No assembly is planned here"));
        assertTrue(scene.say(KIM, "!mirror on").contains("organizers"), "only organizers turn it on");
        scene.say(OLGA, "!assembly every friday 19:00");
        assertTrue(scene.say(KIM, "!mirror next").contains("Fri 11 Sep 19:00"), "assemblies planned later count");
    }

    @Test
    void onlyTheResearcherOrAnOrganizerSetsIt() {
        mirrorWithDana();
        assertTrue(scene.say(KIM, "!mirror set Chile" + SPOTLIGHT).contains("@dana:example.org researches the "
                + "spotlight for Fri 11 Sep 19:00"));
        assertTrue(scene.sayDirect(KIM, "!mirror set Chile" + SPOTLIGHT).contains("You are not researching"));
        assertTrue(scene.say(DANA, "!mirror set Chile" + SPOTLIGHT).contains("Set for the assembly on Fri 11 Sep"));
        assertTrue(scene.say(OLGA, "!mirror set Peru" + SPOTLIGHT).contains("Peru"), "an organizer may correct it");
        assertTrue(scene.say(OLGA, "!mirror set Atlantis" + SPOTLIGHT).contains("I don't know the country"));
        assertTrue(scene.say(KIM, "!mirror next").contains("Global mirror: Peru"), "bad input changed nothing");
    }

    @Test
    void theHolderMaySetItEarlyFromTheDirectRoomBeforeAnyBrief() {
        mirrorWithDana();
        assertTrue(scene.sayDirect(DANA, "!mirror set Chile" + SPOTLIGHT).contains("Set for the assembly on Fri 11 Sep"));
        scene.voiceNote(DANA);
        assertEquals(1, scene.told(DANA, "Got your voice note").size());
        scene.advanceTo(A0);
        assertEquals(0, scene.told(DANA, "you research the spotlight").size(), "no brief for what is set");
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"));
        assertEquals(1, scene.files.forwarded().size());
    }

    @Test
    void nowPostsTheCardOnceAndTheNextAssemblyGetsItsOwn() {
        mirrorWithDana();
        assertTrue(scene.say(OLGA, "!mirror now").contains("an empty card is never posted"));
        scene.say(DANA, "!mirror set Chile" + SPOTLIGHT);
        assertTrue(scene.say(OLGA, "!mirror now").contains("Posted the spotlight on Chile"));
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"));
        scene.advanceTo(A0.plus(Duration.ofHours(1)));
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"), "not again at the assembly");
        assertTrue(scene.say(KIM, "!mirror next").contains("Fri 18 Sep 19:00"));
        assertTrue(scene.say(OLGA, "!mirror clear").contains("Nothing is set for Fri 18 Sep"));
    }

    @Test
    void aMovedAssemblyTakesWhatWasSetAndTellsTheResearcher() {
        mirrorWithDana();
        scene.advanceTo(A0.minus(Duration.ofDays(2)));
        scene.sayDirect(DANA, "!mirror set Chile" + SPOTLIGHT);
        scene.say(OLGA, "!assembly skip 2026-09-11");
        assertEquals(1, scene.told(DANA, "moved: your global mirror spotlight is now for Fri 18 Sep 19:00").size());
        scene.advanceTo(A0.plus(Duration.ofHours(3)));
        assertEquals(0, scene.postsIn(ROOM, "Global mirror: Chile"));
        scene.advanceTo(A1);
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"));
    }

    @Test
    void aCardTheBotCouldNotPostDuringTheAssemblyMovesOnAndTheRoomIsTold() {
        mirrorWithDana();
        scene.say(DANA, "!mirror set Chile" + SPOTLIGHT);
        scene.rig.scheduler().shutdown();
        scene.clock.set(A0.plus(Duration.ofHours(3)));
        scene.restart();
        scene.advanceTo(A0.plus(Duration.ofHours(3)));
        assertEquals(1, scene.postsIn(ROOM, "could not be posted in time"));
        assertEquals(0, scene.postsIn(ROOM, "Global mirror: Chile"));
        scene.advanceTo(A1);
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"));
    }

    @Test
    void aRedactedVoiceNoteIsNotPosted() {
        mirrorWithDana();
        scene.say(DANA, "!mirror set Chile" + SPOTLIGHT);
        EventId note = scene.voiceNote(DANA);
        assertTrue(scene.say(KIM, "!mirror next").contains("A voice note goes in the thread"));
        scene.event(new ChatEvent.Redaction(scene.directRooms.roomOf(DANA), new EventId("$redact"), DANA,
                scene.clock.instant(), note));
        scene.advanceTo(A0);
        assertEquals(1, scene.postsIn(ROOM, "Global mirror: Chile"));
        assertEquals(0, scene.files.forwarded().size());
        EventId stray = scene.voiceNote(KIM);
        assertTrue(stray.value().startsWith("$voice"));
        assertEquals(1, scene.told(KIM, "you research none right now").size());
    }

    @Test
    void onceTheCardIsOutOnlyWhatTheHistoryShowsIsKept() {
        mirrorWithDana();
        scene.say(DANA, "!mirror set Chile | Water defenders | https://example.org/canary-link | Canary echo question?");
        scene.voiceNote(DANA);
        assertEquals(1, StoredValues.containing(scene.db, "Canary echo question").size(), "kept until posted");
        scene.advanceTo(A0);
        assertEquals(1, scene.postsIn(ROOM, "Canary echo question"));
        assertEquals(List.of(), StoredValues.containing(scene.db, "Canary echo"));
        assertEquals(List.of(), StoredValues.containing(scene.db, "canary-link"));
        assertEquals(List.of(), StoredValues.containing(scene.db, "mxc://"), "the file's reference and key are gone");
        assertEquals(List.of(), StoredValues.containing(scene.db, "voice-note.ogg"));
        assertTrue(scene.say(KIM, "!mirror history").contains("Water defenders"), "what the history shows stays");
    }

    @Test
    void offStopsThePromptsAndKeepsHistoryAndRole() {
        mirrorWithDana();
        scene.say(DANA, "!mirror set Chile" + SPOTLIGHT);
        scene.advanceTo(A0);
        String off = scene.say(OLGA, "!mirror off");
        assertTrue(off.contains("Global mirror off") && off.contains("`!role remove \"Mirror researcher\"`"), off);
        scene.advanceTo(A2.plus(Duration.ofHours(1)));
        assertEquals(0, scene.posts("you research the spotlight").size() + scene.posts("Global mirror: ").size()
                - 1, "after the first card, nothing more");
        assertTrue(scene.say(KIM, "!mirror history").contains("11 Sep 2026 — Chile"));
        assertTrue(scene.say(KIM, "!role list").contains("Mirror researcher"));
        assertTrue(scene.say(OLGA, "!mirror off").contains("not on here"));
    }

    @Test
    void whenTheBotLeavesTheRoomItsMirrorGoes() {
        mirrorWithDana();
        scene.say(DANA, "!mirror set Chile" + SPOTLIGHT);
        scene.event(new ChatEvent.Membership(ROOM, new EventId("$leave"), BOT, scene.clock.instant(), BOT, "leave"));
        scene.advanceTo(A1);
        assertEquals(0, scene.postsIn(ROOM, "Global mirror"));
        assertTrue(scene.say(KIM, "!mirror history").contains("No spotlights here yet"));
    }

    @Test
    void settingsAreCheckedBeforeAnythingChanges() {
        scene.say(OLGA, "!assembly every friday 19:00");
        assertTrue(scene.say(OLGA, "!mirror on --lead 20m").contains("`--lead` is how long"));
        assertTrue(scene.say(OLGA, "!mirror on --avoid-repeat many").contains("`--avoid-repeat`"));
        assertTrue(scene.say(OLGA, "!mirror on --share #nowhere:example.org").contains("I'm not in a room"));
        assertTrue(scene.say(KIM, "!mirror next").contains("not on here"), "nothing was turned on");
        assertTrue(scene.say(OLGA, "!mirror on --lead 3d --avoid-repeat 4").contains("brief 3d ahead"));
        assertTrue(scene.say(OLGA, "!mirror on --avoid-repeat 8").contains("brief 3d ahead; a country seen in the "
                + "last 8 assemblies"), "a later change keeps the other settings");
    }
}
