package org.assemblybot.feature.rotation;

import static org.assemblybot.feature.rotation.RotationScene.ALI;
import static org.assemblybot.feature.rotation.RotationScene.BERLIN;
import static org.assemblybot.feature.rotation.RotationScene.DANA;
import static org.assemblybot.feature.rotation.RotationScene.KIM;
import static org.assemblybot.feature.rotation.RotationScene.OLGA;
import static org.assemblybot.feature.rotation.RotationScene.START;
import static org.assemblybot.feature.rotation.RotationScene.T2;
import static org.assemblybot.feature.rotation.RotationScene.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rotation's commands, fair order, roster and term boundaries, end to end on the production parts. */
class RotationFeatureTest {

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private RotationScene scene;

    @BeforeEach
    void setUp() {
        scene = new RotationScene(testDb.db(), START);
    }

    private String say(UserId sender, String body) {
        return scene.say(sender, body);
    }

    private Map<String, List<UserId>> holdersAt(Instant at) {
        return scene.holdersAt(at);
    }

    private void twoRolesThreeVolunteers() {
        say(OLGA, "!role add Facilitation --term 1w --checklist \"keys; agenda\"");
        say(OLGA, "!role add Notes --term 1w");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer facilitation");
            say(person, "!role volunteer Notes");
        }
    }

    @Test
    void threePeopleTwoRolesThreeTermsFairCappedAndExplained() {
        twoRolesThreeVolunteers();
        assertEquals(Map.of("Facilitation", List.of(DANA), "Notes", List.of(ALI)), holdersAt(START));
        // The shadow of a week: the successors are asked at once; Ali, asked for Facilitation, is at the cap of 1.
        assertEquals("Next for Notes (from Mon 8 Jun): @dana:example.org: asked · @kim:example.org: never served "
                + "· @ali:example.org: held the last term (max 1 in a row)", say(KIM, "!role next notes"));
        assertEquals(List.of("Facilitation @ali:example.org", "Notes @dana:example.org"), scene.acceptAll());

        scene.advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(Map.of("Facilitation", List.of(ALI), "Notes", List.of(DANA)), holdersAt(T2));
        scene.acceptAll();
        scene.advanceTo(T3.plus(Duration.ofHours(1)));
        assertEquals(Map.of("Facilitation", List.of(KIM), "Notes", List.of(ALI)), holdersAt(T3));
        assertTrue(say(DANA, "!role next Notes").startsWith("Next for Notes (from Mon 22 Jun): @kim:example.org: "
                + "asked"));
        assertTrue(say(DANA, "!role history Facilitation").contains("Mon 8 Jun – Mon 15 Jun: @ali:example.org"));

        // One roster, posted once and edited in place ever since.
        assertEquals(1, scene.postsContaining("🔄 Roles"));
        FakeChat.Sent roster = scene.chat.sent().stream().filter(s -> s.message() != null
                && s.message().body().startsWith("🔄 Roles")).findFirst().orElseThrow();
        List<FakeChat.Sent> edits = scene.chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.EDIT
                && s.message().body().startsWith("🔄 Roles")).toList();
        assertFalse(edits.isEmpty());
        assertTrue(edits.stream().allMatch(e -> e.target().equals(roster.eventId())));
        String last = edits.get(edits.size() - 1).message().body();
        assertTrue(last.contains("Facilitation (1 week): @kim:example.org until Mon 22 Jun · shadow: "
                + "@dana:example.org (asked)"), last);
        assertEquals(1, scene.postsContaining("🔄 Handover: @kim:example.org takes Facilitation over from "
                + "@ali:example.org, until Mon 22 Jun."));
    }

    @Test
    void awayPeopleAreSkippedWithTheirReasonAndBackMakesThemEligible() {
        say(OLGA, "!role add Facilitation --term 1w --shadow 3d");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer facilitation");
        }
        assertEquals("Away until Mon 15 Jun: you are not picked for terms that start before then; terms you hold stay "
                + "yours. `!role back` ends it early. Your reason is stored and shown with it.",
                say(ALI, "!role away 15 Jun family visit"));
        assertTrue(say(OLGA, "!role next Facilitation").endsWith("@ali:example.org: away until 15 Jun (family visit)"));
        scene.advanceTo(Instant.parse("2026-06-04T22:00:00Z")); // the shadow of 3 days starts
        scene.acceptAll();
        scene.advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(List.of(KIM), holdersAt(T2).get("Facilitation"));
        assertEquals("Welcome back: you can be picked again.", say(ALI, "!role back"));
        assertTrue(say(OLGA, "!role next Facilitation").contains("@ali:example.org: never served"));
    }

    @Test
    void badInputChangesNothing() {
        say(OLGA, "!role add Facilitation");
        say(DANA, "!role volunteer Facilitation");
        int sent = scene.chat.sent().size();
        String before = holdersAt(START).toString();

        assertTrue(say(DANA, "!role volunteer facilitaton").contains("Did you mean `Facilitation`?"));
        assertTrue(say(OLGA, "!role add Outreach --term 14w").contains("`assembly`, `moon` or `1w` … `13w`"));
        assertTrue(say(OLGA, "!role add Outreach --seats 0").contains("`--seats 2`"));
        assertTrue(say(OLGA, "!role add Outreach --term 2w --shadow 1 assembly").contains("--term assembly"));
        assertTrue(say(OLGA, "!role add facilitation").contains("already"));
        assertTrue(say(OLGA, "!role assign Facilitation @kim:example.org").contains("has not volunteered"));
        assertTrue(say(KIM, "!role add Outreach").contains("is for organizers"));
        assertTrue(say(OLGA, "!role edit Facilitation").contains("Say what to change"));
        assertTrue(say(ALI, "!role away someday").contains("I can't read when you are back"));
        assertTrue(say(KIM, "!role decline Facilitation").contains("You were not asked to take Facilitation"));

        assertEquals("Roles here:\n• Facilitation — terms of 1 week, 1 seat, shadow 1w, at most 1 term in a row; pool: "
                + "1; held by @dana:example.org", say(KIM, "!role list"));
        assertEquals(sent, scene.chat.sent().size(), "nothing posted or edited");
        assertEquals(before, holdersAt(START).toString());
    }

    @Test
    void daylightSavingDoesNotMoveALocalHandoverOrItsReminder() {
        scene.clock.set(Instant.parse("2026-10-19T10:00:00Z")); // Monday; Berlin leaves summer time on Sunday 25 Oct
        say(OLGA, "!role add Welcome --term 2w --checklist \"door code\"");
        say(DANA, "!role volunteer Welcome");
        say(ALI, "!role volunteer Welcome");
        Instant shadow = Instant.parse("2026-10-25T23:00:00Z"); // Mon 26 Oct 00:00 CET: one week before
        scene.advanceTo(shadow.minusSeconds(1));
        assertEquals(0, scene.postsContaining("you are next in line"));
        scene.advanceTo(shadow);
        assertEquals(1, scene.postsContaining("@ali:example.org, you are next in line"));
        scene.acceptAll();
        Instant reminder = Instant.parse("2026-10-29T23:00:00Z"); // Fri 30 Oct 00:00 CET: three days before
        scene.advanceTo(reminder.minusSeconds(1));
        assertEquals(0, scene.postsContaining("Reminder"));
        scene.advanceTo(reminder);
        assertEquals(1, scene.toldContaining(ALI, "Reminder: on Mon 2 Nov you take Welcome"));
        Instant lastMinute = Instant.parse("2026-11-01T22:59:00Z"); // 23:59 on Sunday 1 Nov in Berlin (CET)
        Instant midnight = Instant.parse("2026-11-01T23:00:00Z"); // Monday 2 Nov 00:00 in Berlin
        scene.advanceTo(lastMinute);
        assertEquals(List.of(DANA), holdersAt(lastMinute).get("Welcome"));
        assertEquals(0, scene.postsContaining("Handover"));
        scene.advanceTo(midnight);
        assertEquals(List.of(ALI), holdersAt(midnight).get("Welcome"));
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Welcome over"));
        assertTrue(say(DANA, "!role history Welcome").contains("Mon 19 Oct – Mon 2 Nov: @dana:example.org"));
    }

    @Test
    void overridesAreRecordedWithTheirReasonsAndSomeoneLeavingPassesTheSeatOn() {
        twoRolesThreeVolunteers();
        assertEquals("@kim:example.org takes over Facilitation from @dana:example.org until Mon 8 Jun. Recorded in the "
                + "history.", say(OLGA, "!role swap Facilitation dana kim dana asked"));
        assertTrue(say(OLGA, "!role skip Facilitation kim is ill").startsWith("Skipped @kim:example.org for this term "
                + "of Facilitation (they keep their place in line); @dana:example.org holds it until Mon 8 Jun."));
        String history = say(ALI, "!role history Facilitation");
        assertTrue(history.contains("@olga:example.org swapped @dana:example.org for @kim:example.org — dana asked"),
                history);
        assertTrue(history.contains("@olga:example.org skipped @kim:example.org — kim is ill"), history);

        scene.leave(DANA);
        assertTrue(scene.roomBodies().stream().anyMatch(b -> b.startsWith("Organizers: @dana:example.org left the "
                + "room")));
        assertFalse(holdersAt(scene.clock.instant()).get("Facilitation").contains(DANA));
        assertFalse(say(OLGA, "!role next Facilitation").contains("@dana"));
    }

    @Test
    void moonTermsRunFromOneNewMoonDayToTheNext() {
        say(OLGA, "!role add Care --term moon");
        say(DANA, "!role volunteer Care");
        say(ALI, "!role volunteer Care");
        var term = org.assemblybot.core.time.MoonTerms.termContaining(START, BERLIN);
        assertEquals(List.of(DANA), holdersAt(START).get("Care"));
        scene.advanceTo(term.end().minus(Duration.ofDays(7)));
        scene.acceptAll();
        scene.advanceTo(term.end().plusSeconds(1));
        assertEquals(List.of(ALI), holdersAt(term.end()).get("Care"));
        assertEquals(java.time.LocalTime.MIDNIGHT, term.end().atZone(BERLIN).toLocalTime());
    }

    @Test
    void helpIsGeneratedFromTheDeclarations() {
        String help = say(KIM, "!help role");
        for (String sub : List.of("add", "edit", "remove", "volunteer", "withdraw", "away", "back", "accept", "decline",
                "next", "list", "history", "assign", "swap", "skip")) {
            assertTrue(help.contains("`!role " + sub), sub + " in " + help);
        }
    }

    @Test
    void theHistoryComesAsAMarkdownFileOnRequestOncePerRequest() {
        twoRolesThreeVolunteers();
        say(OLGA, "!role skip Facilitation kim *is* ill | [link](x)");
        EventId request = new EventId("$history-file");
        String reply = scene.db.inTransaction(() -> scene.rig.driver().say(RotationScene.ROOM, ALI,
                "!role history Facilitation --file", request, scene.clock.instant())).reply().body();
        scene.rig.relay().flush();
        assertTrue(reply.startsWith("The whole history of Facilitation ("), reply);
        FakeFiles.Sent sent = scene.files.onlyFile();
        assertEquals(RotationScene.ROOM, sent.room());
        assertEquals("history-facilitation.md", sent.file().fileName());
        String markdown = new String(sent.file().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(markdown.startsWith("# History of the role Facilitation\n"), markdown);
        assertTrue(markdown.contains("skipped @dana:example.org — kim \\*is\\* ill \\| \\[link\\]\\(x\\)"),
                markdown);
        // The same request delivered again (the relay's retry after a crash) is the same file.
        scene.db.inTransaction(() -> scene.rig.driver().say(RotationScene.ROOM, ALI, "!role history Facilitation --file",
                request, scene.clock.instant()));
        scene.rig.relay().flush();
        assertEquals(1, scene.files.sent().size());
    }
}
