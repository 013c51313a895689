package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.BERLIN;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;

/** What the skills' tests do over a {@link DebriefScene}: hold a debrief, answer in private, look at threads. */
final class SkillSceneSteps {
    /** Monday 1 June 2026, 12:00 in Berlin: the action just ended. */
    static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    /** The debrief: Tuesday 19:00 in Berlin. */
    static final Instant DEBRIEF = ZonedDateTime.of(2026, 6, 2, 19, 0, 0, 0, BERLIN).toInstant();

    private final DebriefScene scene;
    private int nextMessage = 1;

    SkillSceneSteps(DebriefScene scene) {
        this.scene = scene;
    }

    /** Debrief #1 "Blockade at the port" is started now and held on Tuesday 19:00. */
    void debriefHeld() {
        assertTrue(scene.say(OLGA, "!debrief start \"Blockade at the port\" tomorrow 19:00").contains("📋 Debrief #"));
        scene.advanceTo(DEBRIEF);
    }

    /** A plain message {@code person} types in their direct room with the bot, as the Bot hands it over. */
    EventId dm(UserId person, String body) {
        return deliverDirect(new ChatEvent.Message(scene.directRooms.directRoomWith(person),
                new EventId("$dm" + nextMessage++), person, scene.clock.instant(), "m.text", body, null, null, true));
    }

    EventId deliverDirect(ChatEvent.Message message) {
        scene.rig.directMessage(message);
        return message.id();
    }

    /** The event of question {@code number}'s message in the room: its thread's root. */
    EventId question(int number) {
        String asked = DebriefTexts.QUESTIONS.get(number - 1);
        return scene.chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE && s.room().equals(ROOM)
                && s.message().body().contains(asked) && s.message().threadRoot() == null).findFirst()
                .orElseThrow().eventId();
    }

    /** The messages in question {@code number}'s thread. */
    List<OutgoingMessage> thread(int number) {
        EventId root = question(number);
        return scene.chat.messagesIn(ROOM).stream().filter(m -> root.equals(m.threadRoot())).toList();
    }

    /** Every value of every row of every table of the database, as text. */
    List<String> everyStoredValue() {
        Sql sql = new Sql(scene.db);
        List<String> values = new ArrayList<>();
        for (String table : sql.list("SELECT name FROM sqlite_master WHERE type = 'table'", row -> row.getString(1))) {
            sql.list("SELECT * FROM \"" + table + "\"", row -> {
                for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                    values.add(table + "." + row.getMetaData().getColumnName(c) + "=" + row.getString(c));
                }
                return null;
            });
        }
        return values;
    }

    /** The tags stored, as {@code user tag KIND}. */
    List<String> tags() {
        return new Sql(scene.db).list("SELECT user_id, tag, kind FROM debrief_skills ORDER BY at, rowid",
                row -> row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
    }

    RoomId direct(UserId person) {
        return scene.directRooms.directRoomWith(person);
    }
}
