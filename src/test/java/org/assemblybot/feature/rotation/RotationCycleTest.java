package org.assemblybot.feature.rotation;

import static org.assemblybot.feature.rotation.RotationScene.ALI;
import static org.assemblybot.feature.rotation.RotationScene.DANA;
import static org.assemblybot.feature.rotation.RotationScene.KIM;
import static org.assemblybot.feature.rotation.RotationScene.OLGA;
import static org.assemblybot.feature.rotation.RotationScene.ROOM;
import static org.assemblybot.feature.rotation.RotationScene.START;
import static org.assemblybot.feature.rotation.RotationScene.T2;
import static org.assemblybot.feature.rotation.RotationScene.T3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cycle of a role, end to end on the production parts: the successor asked at the shadow start, the answer (or
 * the silence), the handover reminder and the handover — across restarts, daylight saving and moved assemblies.
 */
class RotationCycleTest {
    private static final Instant T4 = Instant.parse("2026-06-21T22:00:00Z");
    /** Thursdays 19:00 in Berlin. */
    private static final Instant A1 = Instant.parse("2026-06-04T17:00:00Z");
    private static final Instant A2 = A1.plus(Duration.ofDays(7));
    private static final Instant A3 = A2.plus(Duration.ofDays(7));
    private static final Instant A4 = A3.plus(Duration.ofDays(7));

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

    private void facilitation() {
        say(OLGA, "!role add Facilitation --term 1w --checklist \"keys; agenda\"");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer Facilitation");
        }
    }

    @Test
    void threePeopleTwoRolesThreeTermsOverAMonthOfWeeklyAssemblies() {
        facilitation();
        say(OLGA, "!role add Minutes --term assembly --checklist \"template\"");
        for (UserId person : List.of(KIM, DANA, ALI)) {
            say(person, "!role volunteer Minutes");
        }
        scene.db.run(() -> scene.calendar.weekly(ROOM, A1, 5));
        scene.rig.relay().flush();
        assertEquals(Map.of("Facilitation", List.of(DANA), "Minutes", List.of(KIM)), scene.holdersAt(A1));
        // Facilitation's shadow (1 week) has begun: Ali is asked at once, in the room with pills and directly.
        FakeChat.Sent ask = scene.posts("🔄 Facilitation from Mon 8 Jun until Mon 15 Jun: @ali:example.org, you are "
                + "next in line to take over from @dana:example.org.").get(0);
        assertEquals(java.util.Set.of(ALI, DANA), ask.message().mentions());
        assertEquals(1, scene.toldContaining(ALI, "You are asked to take Facilitation"));
        assertEquals(1, scene.toldContaining(DANA, "@ali:example.org is asked to take Facilitation over from you"));
        assertEquals(List.of("Facilitation @ali:example.org"), scene.acceptAll());
        assertEquals(1, scene.toldContaining(DANA, "@ali:example.org accepted Facilitation"));
        // Minutes' shadow (1 assembly) starts at the first assembly, not before.
        scene.advanceTo(A1.minusSeconds(1));
        assertEquals(0, scene.postsContaining("🔄 Minutes from"));
        scene.advanceTo(A1);
        assertEquals(1, scene.postsContaining("🔄 Minutes from Thu 11 Jun 19:00 until Thu 18 Jun 19:00: "
                + "@dana:example.org, you are next in line to take over from @kim:example.org."));
        assertEquals(List.of("Minutes @dana:example.org"), scene.acceptAll());

        // Reminders: three days before a week handover, the day before an assembly's; with the checklist.
        scene.advanceTo(T2.minus(Duration.ofDays(3)));
        assertEquals(1, scene.toldContaining(DANA, "Reminder: on Mon 8 Jun you hand Facilitation (in "
                + "!assembly:example.org) over to @ali:example.org. Checklist: keys; agenda."));
        assertEquals(1, scene.toldContaining(ALI, "Reminder: on Mon 8 Jun you take Facilitation (in "
                + "!assembly:example.org) over from @dana:example.org. Checklist: keys; agenda."));
        scene.advanceTo(T2);
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Facilitation over from "
                + "@dana:example.org, until Mon 15 Jun. Thank you, @dana:example.org!"));
        scene.acceptAll();
        scene.advanceTo(A2.minus(Duration.ofDays(1)));
        assertEquals(1, scene.toldContaining(KIM, "Reminder: on Thu 11 Jun 19:00 you hand Minutes (in "
                + "!assembly:example.org) over to @dana:example.org. Checklist: template."));
        scene.advanceTo(A2);
        assertEquals(1, scene.postsContaining("🔄 Handover: @dana:example.org takes Minutes over from "
                + "@kim:example.org, until Thu 18 Jun 19:00."));

        // Everyone asked accepts within a day, until the fourth assembly.
        while (scene.clock.instant().isBefore(A4)) {
            scene.acceptAll();
            Instant next = scene.clock.instant().plus(Duration.ofDays(1));
            scene.advanceTo(next.isAfter(A4) ? A4 : next);
        }
        assertEquals(Map.of("Facilitation", List.of(KIM), "Minutes", List.of(ALI)), scene.holdersAt(A3));
        assertEquals(Map.of("Facilitation", List.of(DANA), "Minutes", List.of(KIM)), scene.holdersAt(A4));
        String history = say(OLGA, "!role history Minutes");
        assertTrue(history.contains("Thu 4 Jun 19:00 – Thu 11 Jun 19:00: @kim:example.org")
                && history.contains("Thu 11 Jun 19:00 – Thu 18 Jun 19:00: @dana:example.org"), history);
        assertEquals(6, scene.postsContaining("🔄 Handover: "), scene.allBodies());
        assertEquals(0, scene.postsContaining("Organizers"), scene.allBodies());
    }

    @Test
    void aDeclineAndA48HourSilencePassTheRoleOnAndTheOrganizersAreTold() {
        facilitation();
        assertEquals("Noted: you decline Facilitation from Mon 8 Jun. You stay in the pool; the next in line is "
                + "asked.", say(ALI, "!role decline Facilitation busy that week"));
        assertEquals(1, scene.postsContaining("Organizers: @ali:example.org declined Facilitation from Mon 8 Jun "
                + "(busy that week). @kim:example.org is asked next."));
        assertEquals(1, scene.postsContaining("@kim:example.org, you are next in line"));
        scene.advanceTo(START.plus(Duration.ofHours(48)).minusSeconds(1));
        assertEquals(0, scene.postsContaining("did not answer"));
        scene.advanceTo(START.plus(Duration.ofHours(48)));
        assertEquals(1, scene.postsContaining("Organizers: @kim:example.org did not answer within 48 hours about "
                + "Facilitation from Mon 8 Jun."));
        assertEquals(1, scene.postsContaining("Organizers: nobody is left in line for Facilitation from Mon 8 Jun. "
                + "@dana:example.org keeps it until someone accepts."));
        assertTrue(say(OLGA, "!role next Facilitation").contains("@ali:example.org: declined this term"));
        // The handover without a successor: the holder keeps it, the organizers are told once, the roster shows it.
        scene.advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(List.of(DANA), scene.holdersAt(T2).get("Facilitation"));
        assertEquals(1, scene.postsContaining("Organizers: nobody has accepted Facilitation in time; "
                + "@dana:example.org keeps it for another term, until Mon 15 Jun, while the next in line is asked."));
        assertTrue(scene.lastRoster().contains("@dana:example.org until Mon 15 Jun (handover overdue: nobody accepted yet)"),
                scene.lastRoster());
        // The next cycle asks again, from the start of the line.
        assertEquals(List.of("Facilitation @ali:example.org"), scene.acceptAll());
        scene.advanceTo(T3);
        assertEquals(List.of(ALI), scene.holdersAt(T3).get("Facilitation"));
    }

    @Test
    void aCheckOnTheRequestAcceptsAndOnlyTheAskedMayAccept() {
        facilitation();
        EventId request = scene.request("Facilitation", ALI);
        int sent = scene.chat.sent().size();
        assertTrue(say(KIM, "!role accept Facilitation").startsWith("You were not asked to take Facilitation, so "
                + "there is nothing to accept; nothing changed."));
        scene.react(KIM, request, "✅");
        assertEquals(sent, scene.chat.sent().size(), "nothing changed");
        scene.react(ALI, request, "✅️");
        assertTrue(scene.chat.sent().stream().anyMatch(s -> s.kind() == FakeChat.Sent.Kind.EDIT
                && request.equals(s.target()) && s.message().body().endsWith("✅ @ali:example.org accepted.")));
        assertEquals(1, scene.toldContaining(DANA, "@ali:example.org accepted Facilitation"));
        assertEquals("You already accepted Facilitation from Mon 8 Jun.", say(ALI, "!role accept Facilitation"));
        assertTrue(scene.lastRoster().contains("shadow: @ali:example.org (accepted)"), scene.lastRoster());
    }

    @Test
    void aRestartBetweenAskingAndAcceptingAndBetweenReminderAndHandoverRepeatsNothing() {
        facilitation();
        scene.restart();
        scene.restart();
        scene.advanceTo(START.plus(Duration.ofHours(1)));
        assertEquals(1, scene.postsContaining("you are next in line"));
        assertEquals(1, scene.toldContaining(ALI, "You are asked"));
        scene.acceptAll();
        scene.restart();
        scene.advanceTo(T2.minus(Duration.ofDays(3)).plusSeconds(1));
        scene.restart();
        scene.rig.jobs().runDue(scene.clock.instant());
        scene.rig.relay().flush();
        assertEquals(1, scene.toldContaining(ALI, "Reminder"));
        // Down over the handover: it runs late, once.
        scene.rig.scheduler().shutdown();
        scene.clock.set(T2.plus(Duration.ofHours(5)));
        scene.start();
        scene.rig.scheduler().rehydrate();
        scene.rig.jobs().runDue(scene.clock.instant());
        scene.rig.relay().flush();
        scene.restart();
        scene.rig.jobs().runDue(scene.clock.instant());
        scene.rig.relay().flush();
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Facilitation over"));
        assertEquals(List.of(ALI), scene.holdersAt(scene.clock.instant()).get("Facilitation"));
        assertEquals(1, scene.postsContaining("@kim:example.org, you are next in line"), scene.allBodies());
    }

    @Test
    void aLateReminderIsNotSent() {
        facilitation();
        scene.acceptAll();
        scene.rig.scheduler().shutdown();
        scene.clock.set(T2.minus(Duration.ofDays(2)));
        scene.start();
        scene.rig.scheduler().rehydrate();
        scene.advanceTo(T2.plusSeconds(1));
        assertEquals(0, scene.postsContaining("Reminder"));
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Facilitation over"));
    }

    @Test
    void aSuccessorAskedAfterTheReminderMomentGetsTheChecklistWhenAcceptingAndOnlyOnce() {
        // A shadow of two days starts after the reminder's moment (three days before the handover).
        say(OLGA, "!role add Notes --term 1w --shadow 2d --checklist \"minutes template\"");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer Notes");
        }
        scene.advanceTo(T2.minus(Duration.ofDays(2)).plusSeconds(1));
        assertEquals(1, scene.toldContaining(ALI, "You are asked to take Notes"), scene.allBodies());
        assertTrue(say(ALI, "!role accept Notes").contains("A reminder with the checklist comes before"));
        assertEquals(1, scene.toldContaining(ALI, "Reminder: on Mon 8 Jun you take Notes (in "
                + "!assembly:example.org) over from @dana:example.org. Checklist: minutes template."), scene.allBodies());
        scene.restart();
        scene.advanceTo(T2.plusSeconds(1));
        assertEquals(1, scene.toldContaining(ALI, "Reminder"), "once, also across a restart and the handover");
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Notes over"));
    }

    @Test
    void aSuccessorWhoLeavesTheRoomDeclines() {
        facilitation();
        scene.leave(ALI);
        assertEquals(1, scene.postsContaining("Organizers: @ali:example.org left the room, so declines Facilitation "
                + "from Mon 8 Jun. @kim:example.org is asked next."));
    }

    @Test
    void perAssemblyHandoversFollowSkippedAndMovedAssemblies() {
        say(OLGA, "!role add Minutes --term assembly");
        say(DANA, "!role volunteer Minutes");
        say(ALI, "!role volunteer Minutes");
        scene.db.run(() -> scene.calendar.weekly(ROOM, A1, 4));
        scene.advanceTo(A1.plusSeconds(1));
        assertEquals(1, scene.postsContaining("🔄 Minutes from Thu 11 Jun 19:00 until Thu 18 Jun 19:00: "
                + "@ali:example.org, you are next"));
        scene.db.run(() -> scene.calendar.skip(ROOM, A2));
        scene.rig.relay().flush();
        // The request shows the new dates, edited in place: Ali is not asked a second time.
        assertTrue(scene.chat.sent().stream().anyMatch(s -> s.kind() == FakeChat.Sent.Kind.EDIT && s.message().body()
                .startsWith("🔄 Minutes from Thu 18 Jun 19:00 until Thu 25 Jun 19:00: @ali:example.org, you are next")),
                scene.allBodies());
        assertEquals(1, scene.postsContaining("you are next"));
        scene.acceptAll();
        scene.advanceTo(A2.plus(Duration.ofHours(1)));
        assertEquals(0, scene.postsContaining("🔄 Handover"));
        assertEquals(Map.of("Minutes", List.of(DANA)), scene.holdersAt(A2));
        Instant friday = A3.plus(Duration.ofDays(1));
        scene.db.run(() -> scene.calendar.move(ROOM, A3, friday));
        scene.rig.relay().flush();
        scene.advanceTo(A3.plus(Duration.ofHours(1)));
        assertEquals(0, scene.postsContaining("🔄 Handover"));
        scene.advanceTo(friday);
        assertEquals(1, scene.postsContaining("🔄 Handover: @ali:example.org takes Minutes over from "
                + "@dana:example.org, until Thu 25 Jun 19:00."), scene.allBodies());
        assertEquals(Map.of("Minutes", List.of(ALI)), scene.holdersAt(friday));
    }
}
