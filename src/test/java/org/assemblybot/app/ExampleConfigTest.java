package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.adapter.config.BotConfig;
import org.assemblybot.adapter.config.ConfigLoader;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.Setting;
import org.assemblybot.feature.countdown.CountdownConfig;
import org.junit.jupiter.api.Test;

/**
 * bot-config.example.yaml is generated from the declared sections (the adapters' and every feature's), so
 * it documents every key with its default and cannot drift. The key check names what is wrong; the text
 * check keeps the comments in step too.
 */
class ExampleConfigTest {
    private static final Path BASEDIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path EXAMPLE = BASEDIR.resolve("bot-config.example.yaml");
    private static final List<ConfigSection> SECTIONS = ConfigLoader.sections(Features.CONFIG_SECTIONS);

    @Test
    void documentsEveryDeclaredKeyWithItsDefault() throws IOException {
        Map<String, Map<String, Object>> file = new YAMLMapper().readValue(Files.readString(EXAMPLE),
                new TypeReference<>() {
                });
        assertEquals(List.of(), keyProblems(file, SECTIONS));
    }

    @Test
    void theKeyCheckNamesWhatIsMissingExtraOrDifferent() {
        Map<String, Map<String, Object>> file = new LinkedHashMap<>();
        file.put("countdown", new LinkedHashMap<>(Map.of("max_rooms", 21, "max_go_lateness", "1m", "lead", "5s")));
        assertEquals(List.of("'countdown.max_rooms' shows 21, but its default is 20",
                        "'countdown.default_notices' is missing", "'countdown.lead' is not declared"),
                keyProblems(file, List.of(CountdownConfig.SECTION)));
    }

    @Test
    void isTheRenderedDeclarations() throws IOException {
        String expected = ConfigLoader.exampleFile(Features.CONFIG_SECTIONS);
        if (!expected.equals(Files.readString(EXAMPLE))) {
            Path fresh = BASEDIR.resolve("target/bot-config.example.yaml");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected);
            assertEquals(expected, Files.readString(EXAMPLE),
                    "bot-config.example.yaml differs from the declarations; if they are right, run: cp " + fresh + " "
                            + EXAMPLE);
        }
    }

    @Test
    void theExampleInTheRepositoryLoads() {
        BotConfig config = ConfigLoader.load(EXAMPLE, Features.CONFIG_SECTIONS);

        assertEquals(URI.create("http://127.0.0.1:8008"), config.matrix().homeserver());
        assertEquals(new UserId("@bot:localhost"), config.matrix().userId());
        assertEquals(Path.of("/run/secrets/bot-password"), config.matrix().passwordFile());
        assertEquals("assembly-bot", config.matrix().deviceName());
        assertEquals(Duration.ofSeconds(30), config.matrix().decryptionWait());
        assertEquals(BASEDIR.resolve("data"), config.storage().dataDir());
        assertEquals(List.of("@alice:localhost", ":localhost"), config.access().invitesFrom());
        assertEquals(50, config.access().organizerPowerLevel());
        assertEquals("!", config.commands().prefix());
        assertEquals(Duration.ofMinutes(5), config.commands().maxAge());
        assertEquals(CountdownConfig.defaults(), CountdownConfig.from(config.sections()));
    }

    /** Each declared key must be in the file with its example or default; nothing else may be. */
    private static List<String> keyProblems(Map<String, Map<String, Object>> file, List<ConfigSection> sections) {
        List<String> problems = new ArrayList<>();
        for (ConfigSection section : sections) {
            Map<String, Object> keys = file.getOrDefault(section.name(), Map.of());
            for (Setting<?> setting : section.settings()) {
                String path = "'" + section.name() + "." + setting.key() + "'";
                if (!keys.containsKey(setting.key())) {
                    problems.add(path + " is missing");
                } else {
                    shows(setting, keys.get(setting.key()), path).ifPresent(problems::add);
                }
            }
            keys.keySet().stream()
                    .filter(key -> section.settings().stream().noneMatch(s -> s.key().equals(key)))
                    .forEach(key -> problems.add("'" + section.name() + "." + key + "' is not declared"));
        }
        file.keySet().stream()
                .filter(name -> sections.stream().noneMatch(s -> s.name().equals(name)))
                .forEach(name -> problems.add("section '" + name + "' is not declared"));
        return problems;
    }

    /** Compares typed values, so "60s" and "1m" are the same default. */
    private static <T> Optional<String> shows(Setting<T> setting, Object raw, String path) {
        T shown = setting.type().read(raw, "");
        T expected = setting.exampleValue();
        if (Objects.equals(shown, expected)) {
            return Optional.empty();
        }
        String what = Objects.equals(expected, setting.defaultValue()) ? "default" : "example";
        return Optional.of(path + " shows " + setting.type().render(shown) + ", but its " + what + " is "
                + setting.type().render(expected));
    }
}
