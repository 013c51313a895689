package org.assemblybot.feature.basics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.InMemoryRoomSettings;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicsFeatureTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId ORGANIZER = new UserId("@olga:example.org");

    private final MutableClock clock = MutableClock.at("2025-03-01T12:05:00Z");
    private final FakeChat chat = new FakeChat().powerLevel(ROOM, ORGANIZER, 50);
    private final InMemoryRoomSettings settings = new InMemoryRoomSettings();
    private final BasicsFeature feature = new BasicsFeature(chat, chat, settings, clock, CommandDriver.PREFIX);
    private final CommandDriver driver = new CommandDriver(feature.commands(), chat, clock);

    private String say(UserId sender, String body) {
        Outcome outcome = driver.say(ROOM, sender, body);
        assertFalse(outcome.internalError(), outcome.reply().body());
        return outcome.reply().body();
    }

    @Test
    void declaresItsCommands() {
        assertEquals("basics", feature.id());
        assertEquals(List.of("ping", "about", "tz"), feature.commands().stream().map(c -> c.spec().name()).toList());
    }

    @Nested
    class Ping {
        @Test
        void reportsHowLongTheMessageTookToArrive() {
            Outcome outcome = driver.say(ROOM, ALICE, "!ping", clock.instant().minusMillis(120));
            assertEquals("pong — your message reached me 120 ms after you sent it; I answered after 0 ms.",
                    outcome.reply().body());
        }

        @Test
        void reportsHowLongTheBotTookToAnswer() {
            Instant received = clock.instant();
            clock.advanceMillis(7);
            CommandContext context = new CommandContext(ROOM, ALICE, new EventId("$e"), received.minusMillis(30),
                    received, "ping", List.of(), false);
            assertEquals("pong — your message reached me 30 ms after you sent it; I answered after 7 ms.",
                    new PingCommand(clock).handle(context).body());
        }

        @Test
        void saysWhenClocksDisagree() {
            Outcome outcome = driver.say(ROOM, ALICE, "!ping", clock.instant().plusMillis(300));
            assertEquals("pong — your message reached me 0 ms after you sent it (clocks differ); "
                    + "I answered after 0 ms.", outcome.reply().body());
        }
    }

    @Nested
    class About {
        @Test
        void describesAnUnconfiguredUnencryptedRoom() {
            assertEquals("""
                    assembly-bot version 0.1.0
                    This room is not encrypted.
                    I am `@bot:example.org` on device `BOTDEVICE`, which is not cross-signed: apps that only \
                    share keys with verified devices cannot send me encrypted messages.
                    Time zone: not set — an organizer can set it with `!tz Europe/Berlin`""", say(ALICE, "!about"));
        }

        @Test
        void describesAConfiguredEncryptedRoom() {
            chat.encrypted(ROOM, true).crossSigned(true);
            settings.setZone(ROOM, ZoneId.of("America/New_York"));
            String text = say(ALICE, "!about");
            assertTrue(text.contains("This room is encrypted."), text);
            assertTrue(text.contains("`BOTDEVICE`, which is cross-signed."), text);
            assertTrue(text.endsWith("Time zone: America/New_York"), text);
        }

        @Test
        void theVersionIsUnknownWithoutItsResource() {
            assertEquals("0.1.0", BuildVersion.read());
            assertEquals("unknown", BuildVersion.read("no-such-resource.properties"));
        }
    }

    @Nested
    class TimeZone {
        @Test
        void setsTheZoneAndShowsTheLocalTime() {
            assertEquals("Time zone for this room: Europe/Berlin (now 13:05, UTC+01:00)",
                    say(ORGANIZER, "!tz Europe/Berlin"));
            assertEquals(Optional.of(ZoneId.of("Europe/Berlin")), settings.zone(ROOM));
        }

        @Test
        void showsSummerTime() {
            clock.set(Instant.parse("2025-07-01T12:05:00Z"));
            assertEquals("Time zone for this room: Europe/Berlin (now 14:05, UTC+02:00)",
                    say(ORGANIZER, "!tz Europe/Berlin"));
        }

        @Test
        void handlesHalfHourShifts() {
            clock.set(Instant.parse("2025-01-15T00:00:00Z"));
            assertEquals("Time zone for this room: Australia/Lord_Howe (now 11:00, UTC+11:00)",
                    say(ORGANIZER, "!tz Australia/Lord_Howe"));
        }

        @Test
        void acceptsIdsInAnyCaseAndTheAlias() {
            assertTrue(say(ORGANIZER, "!timezone america/new_york").startsWith(
                    "Time zone for this room: America/New_York (now 07:05, UTC-05:00)"));
            assertEquals(Optional.of(ZoneId.of("America/New_York")), settings.zone(ROOM));
        }

        @Test
        void acceptsUtc() {
            assertEquals("Time zone for this room: Etc/UTC (now 12:05, UTC+00:00)", say(ORGANIZER, "!tz UTC"));
        }

        @Test
        void isForOrganizersOnly() {
            assertEquals("`!tz` is for organizers (power level 50 or more in this room).",
                    say(ALICE, "!tz Europe/Berlin"));
            assertEquals(Optional.empty(), settings.zone(ROOM));
        }

        @ParameterizedTest
        @ValueSource(strings = {"+02:00", "UTC+2", "utc +02", "GMT-5", "-0300", "Etc/GMT+2", "\u22123"})
        void refusesOffsets(String zone) {
            String text = say(ORGANIZER, "!tz " + zone);
            assertTrue(text.contains("is a fixed offset. Use a region id such as `Europe/Berlin` instead: "
                    + "it keeps daylight-saving time right all year."), text);
            assertEquals(Optional.empty(), settings.zone(ROOM));
        }

        @ParameterizedTest
        @CsvSource({"CET, Europe/Berlin", "cest, Europe/Berlin", "EST, America/New_York",
                "PST8PDT, America/Los_Angeles", "GMT, Europe/London", "EET, Europe/Athens"})
        void refusesAbbreviationsWithAnExample(String zone, String example) {
            String text = say(ORGANIZER, "!tz " + zone);
            assertTrue(text.contains("is an abbreviation, not a region. Use a region id such as `" + example + "`"),
                    text);
            assertTrue(text.contains("daylight-saving time right"), text);
            assertEquals(Optional.empty(), settings.zone(ROOM));
        }

        @Test
        void refusesUnknownAbbreviations() {
            assertTrue(say(ORGANIZER, "!tz IST").startsWith("`IST` looks like an abbreviation, not a region."));
        }

        @ParameterizedTest
        @CsvSource({"Berlin, Europe/Berlin", "New York, America/New_York", "new-york, America/New_York",
                "'\"Buenos Aires\"', America/Argentina/Buenos_Aires", "Europe/Berln, Europe/Berlin",
                "Lord Howe, Australia/Lord_Howe"})
        void suggestsTheRegionMeant(String typed, String meant) {
            String text = say(ORGANIZER, "!tz " + typed);
            assertTrue(text.contains("is not a time zone id. Did you mean `" + meant + "`"), text);
            assertTrue(text.contains("Set it with `!tz " + meant + "`."), text);
            assertEquals(Optional.empty(), settings.zone(ROOM));
        }

        @Test
        void suggestsEveryRegionOfAnAmbiguousPlace() {
            String text = say(ORGANIZER, "!tz Louisville");
            assertTrue(text.contains("Did you mean `America/Kentucky/Louisville` or `America/Louisville`?"), text);
        }

        @Test
        void explainsWhatToTypeForSomethingUnknown() {
            assertEquals("I don't know the time zone `Mordor Valley`. Use a region id such as `Europe/Berlin` or "
                    + "`America/New_York` (the place is usually the largest city in your time zone).",
                    say(ORGANIZER, "!tz Mordor Valley"));
        }

        @Test
        void refusalsShowCodeSpansInHtml() {
            Outcome outcome = driver.say(ROOM, ORGANIZER, "!tz CET");
            assertTrue(outcome.reply().html().startsWith("<code>CET</code> is an abbreviation"),
                    outcome.reply().html());
        }
    }

    @Nested
    class Escaping {
        @Test
        void userInputNeverReachesHtmlRawNorPingsTheRoom() {
            Outcome outcome = driver.say(ROOM, ORGANIZER, "!tz <script>alert(1)</script> @room");
            String html = outcome.reply().html();
            String body = outcome.reply().body();
            assertFalse(html.contains("<script>"), html);
            assertTrue(html.contains("&lt;script&gt;"), html);
            assertFalse(html.contains("@room"), html);
            assertFalse(body.contains("@room"), body);
            assertTrue(body.contains("@\u2060room"), body);
            assertTrue(outcome.reply().mentions().isEmpty());
        }

        @Test
        void backticksInInputCannotBreakOutOfTheCodeSpan() {
            Outcome outcome = driver.say(ROOM, ORGANIZER, "!tz a`<b>`c");
            assertFalse(outcome.reply().html().contains("<b>"), outcome.reply().html());
        }
    }
}
