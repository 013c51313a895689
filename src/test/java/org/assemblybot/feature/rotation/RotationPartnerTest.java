package org.assemblybot.feature.rotation;

import static org.assemblybot.feature.rotation.RotationScene.BOT;
import static org.assemblybot.feature.rotation.RotationScene.DANA;
import static org.assemblybot.feature.rotation.RotationScene.OLGA;
import static org.assemblybot.feature.rotation.RotationScene.ROOM;
import static org.assemblybot.feature.rotation.RotationScene.START;
import static org.assemblybot.feature.rotation.RotationScene.T2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A role drawing volunteers from a partner room (issue 9, across borders), on the production parts. */
class RotationPartnerTest {
    static final RoomId PARTNER = new RoomId("!partners:example.org");
    static final String ALIAS = "#partners:example.org";
    static final String HOME = ROOM.value();
    /** An organizer of the partner room, and a member there who is not in the role's room. */
    static final UserId PIA = new UserId("@pia:example.org");
    static final UserId LEO = new UserId("@leo:example.org");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private RotationScene scene;

    @BeforeEach
    void setUp() {
        scene = new RotationScene(testDb.db(), START);
        for (UserId user : List.of(BOT, OLGA, PIA, LEO)) {
            scene.chat.member(PARTNER, user);
        }
        scene.chat.powerLevel(PARTNER, PIA, CommandDriver.ORGANIZER_LEVEL);
        scene.chat.alias(ALIAS, PARTNER);
    }

    private String say(UserId sender, String body) {
        return scene.say(sender, body);
    }

    private String sayThere(UserId sender, String body) {
        Outcome outcome = scene.db.inTransaction(() -> scene.rig.driver().say(PARTNER, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        scene.rig.relay().flush();
        return outcome.reply().body();
    }

    private List<String> partnerBodies() {
        return scene.chat.messagesIn(PARTNER).stream().map(OutgoingMessage::body).toList();
    }

    private String roomText() {
        return String.join("\n", scene.roomBodies());
    }

    /** Facilitation in the assembly room, asking the partner room (Olga is only a member there). */
    private void askedAndAccepted() {
        String added = say(OLGA, "!role add Facilitation --term 1w --pool-from " + ALIAS);
        assertTrue(added.contains(ALIAS + " is asked to share volunteers"), added);
        sayThere(PIA, "!role partner-accept " + HOME + " Facilitation");
    }

    @Test
    void anOrganizerOfBothRoomsLinksThemAtOnce() {
        scene.chat.powerLevel(PARTNER, OLGA, CommandDriver.ORGANIZER_LEVEL);
        String added = say(OLGA, "!role add Facilitation --pool-from " + ALIAS);
        assertTrue(added.contains("People in " + ALIAS + " can volunteer there with `!role volunteer Facilitation "
                + "--for " + HOME + "`"), added);
        assertEquals(1, partnerBodies().size());
        assertTrue(partnerBodies().get(0).startsWith("🌍 The role Facilitation in " + HOME + " now draws volunteers "
                + "from this room too"), partnerBodies().toString());
        String joined = sayThere(LEO, "!role volunteer Facilitation --for " + HOME);
        assertTrue(joined.startsWith("You are in the pool for Facilitation (1 person)."), joined);
        assertTrue(say(DANA, "!role list").contains("also volunteers from " + ALIAS), say(DANA, "!role list"));
    }

    @Test
    void aPartnerVolunteerIsAskedInOrderAnnouncedInTheRoleRoomAndToldDirectly() {
        String added = say(OLGA, "!role add Facilitation --term 1w --pool-from " + ALIAS);
        assertTrue(added.contains(ALIAS + " is asked to share volunteers"), added);
        assertTrue(partnerBodies().get(0).contains("would like to draw volunteers from this room too"));
        assertTrue(partnerBodies().get(0).contains("`!role partner-accept " + HOME + " Facilitation`"));
        // Nobody from there is in the pool before one of its organizers says yes.
        assertTrue(sayThere(LEO, "!role volunteer Facilitation --for " + HOME).contains("does not draw volunteers "
                + "from this room"));
        assertTrue(sayThere(LEO, "!role partner-accept " + HOME + " Facilitation").contains("is for organizers"));
        String accepted = sayThere(PIA, "!role partner-accept " + HOME + " Facilitation");
        assertTrue(accepted.startsWith("This room now shares volunteers with Facilitation"), accepted);
        assertTrue(roomText().contains("🌍 " + ALIAS + " accepted (@pia:example.org): its people can now volunteer "
                + "for Facilitation too."), roomText());

        say(DANA, "!role volunteer Facilitation");
        sayThere(LEO, "!role volunteer Facilitation --for " + HOME);
        // Leo never served: next in line, asked in the role's room with a pill and directly, answering from home.
        assertTrue(say(DANA, "!role next Facilitation").contains("@leo:example.org (from " + ALIAS + "): asked"),
                say(DANA, "!role next Facilitation"));
        assertTrue(roomText().contains("@leo:example.org, you are next in line"), roomText());
        assertEquals(1, scene.toldContaining(LEO, "`!role accept Facilitation --for " + HOME + "`"));
        String yes = sayThere(LEO, "!role accept Facilitation --for " + HOME);
        assertTrue(yes.startsWith("Thank you: you take Facilitation"), yes);

        scene.advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(List.of(LEO), scene.holdersAt(T2).get("Facilitation"));
        assertTrue(say(DANA, "!role list").contains("held by @leo:example.org (from " + ALIAS + ")"),
                say(DANA, "!role list"));
    }

    @Test
    void thePartnerRoomDeclinesFirstOrLaterAndThenItsPeopleLeaveThePool() {
        say(OLGA, "!role add Facilitation --term 1w --pool-from " + ALIAS);
        String no = sayThere(PIA, "!role partner-decline " + HOME + " Facilitation");
        assertTrue(no.startsWith("Declined: this room does not share volunteers with Facilitation"), no);
        assertTrue(roomText().contains("🌍 Organizers: " + ALIAS + " declined to share volunteers for Facilitation"));
        assertTrue(sayThere(LEO, "!role volunteer Facilitation --for " + HOME).contains("does not draw"));

        // Asked again, accepted, and later stopped: Leo, asked for the next term, is out and the next is asked.
        say(OLGA, "!role edit Facilitation --pool-from " + ALIAS);
        sayThere(PIA, "!role partner-accept " + HOME + " Facilitation");
        say(DANA, "!role volunteer Facilitation");
        sayThere(LEO, "!role volunteer Facilitation --for " + HOME);
        say(RotationScene.KIM, "!role volunteer Facilitation");
        String stop = sayThere(PIA, "!role partner-decline " + HOME + " Facilitation");
        assertTrue(stop.contains("1 person from here left its pool"), stop);
        assertTrue(roomText().contains(ALIAS + " no longer shares volunteers for Facilitation (@pia:example.org); 1 "
                + "person from " + ALIAS + " left its pool (@leo:example.org)"), roomText());
        String next = say(DANA, "!role next Facilitation");
        assertFalse(next.contains("@leo"), next);
        assertTrue(next.contains("@kim:example.org: asked"), next);
    }

    @Test
    void theRoleRoomUnlinksWithNone() {
        askedAndAccepted();
        sayThere(LEO, "!role volunteer Facilitation --for " + HOME);
        String edited = say(OLGA, "!role edit Facilitation --pool-from none");
        assertTrue(edited.contains("It no longer draws volunteers from " + ALIAS), edited);
        assertTrue(partnerBodies().get(partnerBodies().size() - 1).contains("no longer draws volunteers from here"));
        assertTrue(say(DANA, "!role list").contains("pool: 0"), say(DANA, "!role list"));
    }

    @Test
    void theBotLeavingThePartnerRoomUnlinksItAndCleansThePool() {
        askedAndAccepted();
        say(DANA, "!role volunteer Facilitation");
        sayThere(LEO, "!role volunteer Facilitation --for " + HOME);
        scene.event(new ChatEvent.Membership(PARTNER, new EventId("$bye"), BOT, scene.clock.instant(), BOT, "leave"));
        assertTrue(roomText().contains("🌍 Organizers: I am no longer in " + ALIAS + ", so Facilitation no longer "
                + "draws volunteers from there; 1 person from " + ALIAS + " left its pool (@leo:example.org)."),
                roomText());
        String list = say(DANA, "!role list");
        assertTrue(list.contains("pool: 1;") && !list.contains(ALIAS), list);
        assertFalse(say(DANA, "!role next Facilitation").contains("@leo"));
    }

    @Test
    void theBotLeavingTheRoleRoomTellsThePartnerRoom() {
        askedAndAccepted();
        scene.event(new ChatEvent.Membership(ROOM, new EventId("$bye"), BOT, scene.clock.instant(), BOT, "leave"));
        assertTrue(partnerBodies().get(partnerBodies().size() - 1).contains("no longer draws volunteers from here: "
                + "I left that room"), partnerBodies().toString());
    }

    @Test
    void badInputsChangeNothing() {
        for (String[] bad : new String[][] {
                {"#nowhere:example.org", "I'm not in `#nowhere:example.org`"},
                {"!elsewhere:example.org", "I'm not in `!elsewhere:example.org`"},
                {"partners", "is not a room alias or id"},
                {HOME, "another room than its own"}}) {
            String reply = say(OLGA, "!role add Facilitation --pool-from " + bad[0]);
            assertTrue(reply.contains(bad[1]) && reply.contains("--pool-from #partners:example.org"), reply);
        }
        assertTrue(say(DANA, "!role list").startsWith("No roles here yet"));
        scene.chat.notMember(PARTNER, OLGA);
        say(OLGA, "!role add Facilitation");
        String notMember = say(OLGA, "!role edit Facilitation --pool-from " + ALIAS + " --seats 2");
        assertTrue(notMember.startsWith("You are not a member of `" + ALIAS + "`"), notMember);
        String list = say(DANA, "!role list");
        assertTrue(list.contains("1 seat,") && !list.contains(ALIAS), list);
        assertTrue(partnerBodies().isEmpty(), partnerBodies().toString());
        assertTrue(sayThere(PIA, "!role partner-accept " + HOME + " Facilitation").contains("has not asked this room"));
    }

    @Test
    void helpShowsTheNewSubCommandsAndWhoMayUseThem() {
        String help = say(DANA, "!help role");
        for (String sub : List.of("`!role partner-accept", "`!role partner-decline", "--pool-from", "--for")) {
            assertTrue(help.contains(sub), sub + " in " + help);
        }
        String accept = say(DANA, "!help role partner-accept");
        assertTrue(accept.contains("organizers"), accept);
    }
}
