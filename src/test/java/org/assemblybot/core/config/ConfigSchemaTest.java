package org.assemblybot.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The declaration API: a section declared as data is checked, defaulted and explained without feature code. */
class ConfigSchemaTest {
    static final Setting<Duration> LEAD = Setting.of("lead", ValueType.duration().positive())
            .byDefault(Duration.ofMinutes(10)).comment("How long before a shift the next person is told.");
    static final Setting<Duration> PERIOD = Setting.of("period", ValueType.duration().positive())
            .byDefault(Duration.ofDays(7)).comment("How long one person holds the role.");
    static final Setting<Integer> MAX_ROLES = Setting.of("max_roles", ValueType.integer().atLeast(1).atMost(50))
            .byDefault(10).comment("Roles per room.");
    static final Setting<Boolean> ANNOUNCE = Setting.of("announce", ValueType.bool())
            .byDefault(true).comment("Whether a handover is announced in the room.");
    static final Setting<ZoneId> ZONE = Setting.of("zone", ValueType.zone())
            .byDefault(ZoneId.of("Etc/UTC")).comment("The zone of rooms that set none.");
    static final Setting<List<Duration>> REMINDERS = Setting.of("reminders",
                    ValueType.list(ValueType.duration().positive().atMost(Duration.ofDays(30))))
            .byDefault(List.of(Duration.ofHours(24), Duration.ofHours(1))).comment("Reminders before a handover.");
    static final Setting<String> TITLE = Setting.of("title", ValueType.text().notBlank())
            .comment("A title for the roster message.");
    static final ConfigSection ROTATION = ConfigSection.optional("rotation",
            LEAD, PERIOD, MAX_ROLES, ANNOUNCE, ZONE, REMINDERS, TITLE).requireLess(LEAD, PERIOD);
    static final Setting<String> NAME = Setting.of("name", ValueType.text()).required().example("assembly")
            .comment("The bot's name.");
    static final ConfigSection BOT = ConfigSection.required("bot", NAME);

    private static final ConfigSchema SCHEMA = new ConfigSchema(List.of(BOT, ROTATION));

    private static Map<String, Object> file(String section, Map<String, Object> keys) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bot", Map.of("name", "assembly"));
        root.put(section, keys);
        return root;
    }

    private static String problem(Map<String, Object> root) {
        return assertThrows(ConfigProblem.class, () -> SCHEMA.read(root)).getMessage();
    }

    private static String rotationProblem(String key, Object value) {
        return problem(file("rotation", Map.of(key, value)));
    }

    @Nested
    class Defaults {
        @Test
        void anAbsentSectionHasEveryDefault() {
            SectionValues values = SCHEMA.read(Map.of("bot", Map.of("name", "x"))).of(ROTATION);
            assertEquals(Duration.ofMinutes(10), values.get(LEAD));
            assertEquals(10, values.get(MAX_ROLES));
            assertEquals(true, values.get(ANNOUNCE));
            assertEquals(ZoneId.of("Etc/UTC"), values.get(ZONE));
            assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(1)), values.get(REMINDERS));
            assertEquals(Optional.empty(), values.find(TITLE));
        }

        @Test
        void aNullValueMeansTheDefault() {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("lead", null);
            assertEquals(Duration.ofMinutes(10), SCHEMA.read(file("rotation", keys)).of(ROTATION).get(LEAD));
        }

        @Test
        void givenValuesAreTyped() {
            SectionValues values = SCHEMA.read(file("rotation", Map.of("lead", "1h30m", "max_roles", 3,
                    "announce", false, "zone", "america/new_york", "reminders", List.of("2d", "PT1H"),
                    "title", "Chairs"))).of(ROTATION);
            assertEquals(Duration.ofMinutes(90), values.get(LEAD));
            assertEquals(3, values.get(MAX_ROLES));
            assertEquals(false, values.get(ANNOUNCE));
            assertEquals(ZoneId.of("America/New_York"), values.get(ZONE));
            assertEquals(List.of(Duration.ofDays(2), Duration.ofHours(1)), values.get(REMINDERS));
            assertEquals(Optional.of("Chairs"), values.find(TITLE));
        }
    }

    @Nested
    class BadValues {
        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
                max_roles | 0     | 'rotation.max_roles' must be a whole number from 1 to 50, like 10, not 0
                max_roles | 51    | 'rotation.max_roles' must be a whole number from 1 to 50, like 10, not 51
                lead      | 0s    | 'rotation.lead' must be longer than zero, not "0s"
                lead      | -5m   | 'rotation.lead' must be longer than zero, not "-5m"
                lead      | soon  | 'rotation.lead' must be a duration like 30s, 5m, 2h, 1d or PT30S, not "soon"
                zone      | CET   | 'rotation.zone' must be a region id like Europe/Berlin (an abbreviation is wrong for half the year), not "CET"
                zone      | +02:00| 'rotation.zone' must be a region id like Europe/Berlin (a fixed offset is wrong for half the year), not "+02:00"
                zone      | Berlin| 'rotation.zone' must be a region id like Europe/Berlin, not "Berlin"
                zone      | Mordor| 'rotation.zone' must be a region id like Europe/Berlin or America/New_York, not "Mordor"
                title     | ' '   | 'rotation.title' must not be empty, not " "
                """)
        void nameTheKeyAndTheValue(String key, String value, String expected) {
            Object raw = key.equals("max_roles") ? (Object) Integer.valueOf(value) : value;
            assertEquals(expected, rotationProblem(key, raw));
        }

        @Test
        void wrongTypesAreNamed() {
            assertEquals("'rotation.max_roles' must be a whole number from 1 to 50, like 10, not \"ten\"",
                    rotationProblem("max_roles", "ten"));
            assertEquals("'rotation.max_roles' must be a whole number from 1 to 50, like 10",
                    rotationProblem("max_roles", List.of(1)));
            assertEquals("'rotation.announce' must be true or false, not \"maybe\"",
                    rotationProblem("announce", "maybe"));
            assertEquals("'rotation.title' must be a single value, not a list or section",
                    rotationProblem("title", Map.of("a", 1)));
            assertEquals("'rotation.reminders' must be a list like [24h, 1h], not \"1h\"",
                    rotationProblem("reminders", "1h"));
            Map<String, Object> notASection = file("rotation", Map.of());
            notASection.put("rotation", "on");
            assertEquals("'rotation' must be a section of keys", problem(notASection));
        }

        @Test
        void aListEntryIsNamedByItsIndex() {
            assertEquals("'rotation.reminders[1]' must be at most 30d, not \"31d\"",
                    rotationProblem("reminders", List.of("1h", "31d")));
            assertEquals("'rotation.reminders[0]' must be a duration like 30s, 5m, 2h, 1d or PT30S, not 5",
                    rotationProblem("reminders", List.of(5)));
        }

        @Test
        void aRuleBetweenKeysNamesBoth() {
            assertEquals("'rotation.lead' must be less than 'rotation.period' (2h), not 3h",
                    problem(file("rotation", Map.of("lead", "3h", "period", "2h"))));
        }

        @Test
        void missingRequiredKeysAndSectionsAreNamed() {
            assertEquals("missing required key 'bot.name'", problem(Map.of("bot", Map.of())));
            assertEquals("missing required key 'bot'", problem(Map.of("rotation", Map.of())));
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void aTypoInAKeySuggestsTheKeyMeant() {
            assertEquals("unknown key 'rotation.laed'; did you mean 'rotation.lead'?",
                    rotationProblem("laed", "5m"));
        }

        @Test
        void aTypoInASectionSuggestsTheSectionMeant() {
            assertEquals("unknown key 'rotaton'; did you mean 'rotation'?",
                    problem(file("rotaton", Map.of("lead", "5m"))));
        }

        @Test
        void aKeyInTheWrongSectionSuggestsItsSection() {
            assertEquals("unknown key 'bot.lead'; did you mean 'rotation.lead'?",
                    problem(Map.of("bot", Map.of("name", "x", "lead", "5m"))));
        }

        @Test
        void somethingFarOffIsOnlyNamed() {
            assertEquals("unknown key 'rotation.colour'", rotationProblem("colour", "red"));
            assertEquals("unknown key 'xy'", problem(file("xy", Map.of())));
        }
    }

    @Nested
    class Declarations {
        @Test
        void refuseAKeyDeclaredTwice() {
            assertThrows(IllegalArgumentException.class, () -> ConfigSection.optional("x", LEAD, LEAD));
        }

        @Test
        void refuseASectionDeclaredTwice() {
            assertThrows(IllegalArgumentException.class, () -> new ConfigSchema(List.of(ROTATION, ROTATION)));
        }

        @Test
        void refuseARuleWithAKeyOfAnotherSection() {
            ConfigSection other = ConfigSection.optional("other", LEAD);
            assertThrows(IllegalArgumentException.class, () -> other.requireLess(LEAD, PERIOD));
        }

        @Test
        void refuseKeysThatAreNotSnakeCase() {
            assertThrows(IllegalArgumentException.class, () -> Setting.of("maxRoles", ValueType.integer()));
        }
    }

    @Test
    void rendersTheExampleFile() {
        assertEquals("""
                # Example.

                bot:
                  # Required. The bot's name.
                  name: assembly

                rotation:
                  # Optional, default 10m. How long before a shift the next person is told.
                  lead: 10m
                  # Optional, default 7d. How long one person holds the role.
                  period: 7d
                  # Optional, default 10. Roles per room.
                  max_roles: 10
                  # Optional, default true. Whether a handover is announced in the room.
                  announce: true
                  # Optional, default Etc/UTC. The zone of rooms that set none.
                  zone: Etc/UTC
                  # Optional, default [24h, 1h]. Reminders before a handover.
                  reminders: [24h, 1h]
                  # Optional. A title for the roster message.
                  # title:
                """, ExampleYaml.render(List.of("Example."), SCHEMA.sections()));
    }
}
