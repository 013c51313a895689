package org.assemblybot.feature.rotation;

import static org.assemblybot.feature.rotation.RotationScene.ALI;
import static org.assemblybot.feature.rotation.RotationScene.DANA;
import static org.assemblybot.feature.rotation.RotationScene.KIM;
import static org.assemblybot.feature.rotation.RotationScene.OLGA;
import static org.assemblybot.feature.rotation.RotationScene.START;
import static org.assemblybot.feature.rotation.RotationScene.T2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The organizers' warnings: told in the room without pings, each once until it changes; quiet while setting up. */
class RotationWarningsTest {
    private static final String TOO_SMALL = "Organizers: the pool of Notes is too small to rotate: 1 person, and it "
            + "needs at least 2 (1 seat, at most 1 term in a row). People join with `!role volunteer Notes`.";
    private static final String EMPTY = "Organizers: nobody is in the pool of Notes; it needs at least 2 people to "
            + "rotate (1 seat, at most 1 term in a row). People join with `!role volunteer Notes`.";

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

    @Test
    void aPoolThatBecomesTooSmallIsToldOnceAndAgainOnlyAfterItWasBigEnough() {
        say(OLGA, "!role add Notes");
        say(DANA, "!role volunteer Notes");
        // Being set up: the roster shows it, the room is not told.
        assertTrue(scene.lastRoster().contains("· ⚠ pool too small: 1 of 2 needed"), scene.lastRoster());
        say(ALI, "!role volunteer Notes");
        assertFalse(scene.lastRoster().contains("⚠"), scene.lastRoster());
        assertEquals(0, scene.postsContaining("Organizers"));

        say(ALI, "!role withdraw Notes");
        assertEquals(1, scene.postsContaining(TOO_SMALL), scene.allBodies());
        assertTrue(scene.posts(TOO_SMALL).get(0).message().mentions().isEmpty(), "no pings");
        say(KIM, "!role away 3w");
        say(KIM, "!role back");
        assertEquals(1, scene.postsContaining(TOO_SMALL), "the same state is not told again");

        say(KIM, "!role volunteer Notes");
        say(KIM, "!role withdraw Notes");
        assertEquals(2, scene.postsContaining(TOO_SMALL), "big enough, then too small again");
        say(DANA, "!role withdraw Notes");
        assertEquals(1, scene.postsContaining(EMPTY));
        say(DANA, "!role volunteer Notes");
        assertEquals(2, scene.postsContaining(TOO_SMALL), "a smaller form of what was told is not told again");
        assertEquals(1, scene.postsContaining(EMPTY));
    }

    @Test
    void aRoleLeftShortDuringSetUpIsToldAtItsNextStepAndAnOverdueHandoverOnce() {
        say(OLGA, "!role add Notes");
        say(DANA, "!role volunteer Notes");
        assertEquals(0, scene.postsContaining("Organizers"));
        scene.advanceTo(T2.minus(Duration.ofDays(3))); // the handover reminder
        assertEquals(1, scene.postsContaining(TOO_SMALL), scene.allBodies());
        scene.advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(1, scene.postsContaining("Organizers: nobody has accepted Notes in time; @dana:example.org keeps "
                + "it for another term, until Mon 15 Jun, while the next in line is asked."), scene.allBodies());
        assertEquals(1, scene.postsContaining(TOO_SMALL));
        say(ALI, "!role volunteer Notes");
        assertEquals(1, scene.postsContaining("Organizers: nobody has accepted Notes in time"));
    }

    @Test
    void someoneOverTheCapAndASeatNobodyCanTakeAreToldOnce() {
        say(OLGA, "!role add Facilitation");
        say(OLGA, "!role add Notes");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer Facilitation");
            say(person, "!role volunteer Notes");
        }
        assertEquals(0, scene.postsContaining("Organizers"), scene.allBodies());
        say(OLGA, "!role assign Notes dana she asked");
        String cap = "Organizers: @dana:example.org holds 2 roles at once (Facilitation, Notes), more than the limit "
                + "of 1 (`rotation.max_roles_per_person`). The fair order gives them no more; "
                + "`!role swap <role> @dana:example.org <person>` hands one on.";
        assertEquals(1, scene.postsContaining(cap), scene.allBodies());
        assertTrue(scene.lastRoster().contains("Notes (1 week): @dana:example.org until Mon 8 Jun")
                && scene.lastRoster().contains("⚠ @dana:example.org holds 2 roles (max 1)"), scene.lastRoster());
        say(KIM, "!role away 1w");
        assertEquals(1, scene.postsContaining(cap));
        say(OLGA, "!role swap Notes dana ali");
        assertFalse(scene.lastRoster().contains("⚠"), scene.lastRoster());
        say(OLGA, "!role assign Notes dana again");
        assertEquals(2, scene.postsContaining(cap));
        say(OLGA, "!role swap Notes dana ali");

        // Ali and Kim leave the pool of Notes: Dana, at the cap, is all that is left.
        say(ALI, "!role withdraw Notes");
        say(KIM, "!role withdraw Notes");
        String vacant = "Organizers: Notes has no holder for the term until Mon 8 Jun: nobody in its pool can take it "
                + "now (`!role next Notes` says why; `!role assign Notes <person>` gives it to someone from the pool).";
        assertEquals(1, scene.postsContaining(vacant), scene.allBodies());
        say(KIM, "!role back");
        assertEquals(1, scene.postsContaining(vacant));
    }
}
