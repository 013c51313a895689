package org.assemblybot.adapter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.feature.countdown.CountdownConfig;

/**
 * Reads {@code bot.yaml} into {@link BotConfig}. The YAML is parsed into a tree and checked by hand rather
 * than bound to the records, because that is the simplest way to name the exact key in every error and to
 * fail on unknown keys (a misspelt key must not silently fall back to a default).
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String file;
    private final Path baseDir;

    private ConfigLoader(Path file) {
        this.file = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** Loads and checks {@code file}; relative paths in it resolve against the file's directory. */
    public static BotConfig load(Path file) {
        return new ConfigLoader(file).read(file);
    }

    private BotConfig read(Path path) {
        JsonNode tree = parse(path);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(file + ": is empty; see bot-config.example.yaml");
        }
        if (!tree.isObject()) {
            throw new ConfigException(file + ": must be a set of sections (matrix, storage, access, commands, countdown)");
        }
        YamlSection root = new YamlSection(file, "", tree)
                .allowOnly(Set.of("matrix", "storage", "access", "commands", "countdown"));
        return new BotConfig(
                matrix(root.requiredSection("matrix")),
                storage(root.requiredSection("storage")),
                access(root.optionalSection("access")),
                commands(root.optionalSection("commands")),
                countdown(root.optionalSection("countdown")));
    }

    private JsonNode parse(Path path) {
        try {
            return YAML.readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e + ")", e);
        }
    }

    private MatrixConfig matrix(YamlSection s) {
        s.allowOnly(Set.of("homeserver", "user_id", "password_file", "device_name", "decryption_wait"));
        URI homeserver = homeserver(s);
        UserId userId = new UserId(valid(s, "user_id", s.requiredText("user_id"), UserIds::isValid,
                "must be a user id like @bot:example.org"));
        Path passwordFile = s.optionalText("password_file").map(p -> path(s, "password_file", p)).orElse(null);
        String deviceName = valid(s, "device_name", s.optionalText("device_name").orElse(MatrixConfig.DEFAULT_DEVICE_NAME),
                name -> !name.isBlank(), "must not be empty");
        Duration decryptionWait = duration(s, "decryption_wait", MatrixConfig.DEFAULT_DECRYPTION_WAIT, false);
        return new MatrixConfig(homeserver, userId, passwordFile, deviceName, decryptionWait);
    }

    private URI homeserver(YamlSection s) {
        String text = s.requiredText("homeserver");
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below with the key's name
        }
        throw s.invalid(s.keyPath("homeserver"), "must be an http or https URL like https://matrix.example.org");
    }

    private StorageConfig storage(YamlSection s) {
        s.allowOnly(Set.of("data_dir"));
        return new StorageConfig(path(s, "data_dir", s.requiredText("data_dir")));
    }

    private AccessConfig access(Optional<YamlSection> section) {
        if (section.isEmpty()) {
            return new AccessConfig(List.of(), AccessConfig.DEFAULT_ORGANIZER_POWER_LEVEL);
        }
        YamlSection s = section.get().allowOnly(Set.of("invites_from", "organizer_power_level"));
        List<String> invitesFrom = new ArrayList<>();
        s.optional("invites_from").ifPresent(list -> {
            if (!list.isArray()) {
                throw s.invalid(s.keyPath("invites_from"), "must be a list, e.g. [\"@alice:example.org\", \":example.org\"]");
            }
            for (int i = 0; i < list.size(); i++) {
                String keyPath = s.keyPath("invites_from") + "[" + i + "]";
                String entry = s.text(keyPath, list.get(i));
                if (!AccessConfig.isValidInviteSource(entry)) {
                    throw s.invalid(keyPath, "must be a user id like @alice:example.org or a server like :example.org");
                }
                invitesFrom.add(entry);
            }
        });
        int level = s.optional("organizer_power_level").map(node -> {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
                throw s.invalid(s.keyPath("organizer_power_level"), "must be a whole number of 0 or more, like 50");
            }
            return node.intValue();
        }).orElse(AccessConfig.DEFAULT_ORGANIZER_POWER_LEVEL);
        return new AccessConfig(invitesFrom, level);
    }

    private CommandsConfig commands(Optional<YamlSection> section) {
        if (section.isEmpty()) {
            return new CommandsConfig(CommandsConfig.DEFAULT_PREFIX, CommandsConfig.DEFAULT_MAX_AGE);
        }
        YamlSection s = section.get().allowOnly(Set.of("prefix", "max_age"));
        String prefix = valid(s, "prefix", s.optionalText("prefix").orElse(CommandsConfig.DEFAULT_PREFIX),
                CommandsConfig::isValidPrefix, "must be 1 to 3 characters without spaces, like \"!\" (quote it)");
        return new CommandsConfig(prefix, duration(s, "max_age", CommandsConfig.DEFAULT_MAX_AGE, true));
    }

    private CountdownConfig countdown(Optional<YamlSection> section) {
        CountdownConfig defaults = CountdownConfig.defaults();
        if (section.isEmpty()) {
            return defaults;
        }
        YamlSection s = section.get().allowOnly(Set.of("max_rooms", "max_go_lateness", "default_notices"));
        int maxRooms = s.optional("max_rooms").map(node -> {
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
                throw s.invalid(s.keyPath("max_rooms"), "must be a whole number of 1 or more, like 20");
            }
            return node.intValue();
        }).orElse(defaults.maxRooms());
        List<Duration> notices = s.optional("default_notices").map(node -> {
            if (!node.isArray()) {
                throw s.invalid(s.keyPath("default_notices"), "must be a list like [24h, 1h, 10m, 1m]");
            }
            List<Duration> offsets = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String path = s.keyPath("default_notices") + "[" + i + "]";
                Duration d = Durations.parse(node.get(i).asText())
                        .orElseThrow(() -> s.invalid(path, "must be " + Durations.FORMS));
                if (d.isNegative() || d.isZero()) {
                    throw s.invalid(path, "must be longer than zero");
                }
                offsets.add(d);
            }
            offsets.sort(Comparator.reverseOrder());
            return List.copyOf(offsets);
        }).orElse(defaults.defaultNotices());
        Duration lateness = duration(s, "max_go_lateness", defaults.maxGoLateness(), true);
        return new CountdownConfig(maxRooms, defaults.maxTitleLength(), notices, lateness, defaults.goLead(),
                defaults.prepareAhead(), defaults.minimumLead());
    }

    private Duration duration(YamlSection s, String key, Duration fallback, boolean mustBePositive) {
        return s.optionalText(key).map(text -> {
            Duration d = Durations.parse(text)
                    .orElseThrow(() -> s.invalid(s.keyPath(key), "must be " + Durations.FORMS));
            if (d.isNegative() || (mustBePositive && d.isZero())) {
                throw s.invalid(s.keyPath(key), mustBePositive ? "must be longer than zero" : "must not be negative");
            }
            return d;
        }).orElse(fallback);
    }

    /** A path from the config; a relative one is taken from the config file's directory, not the working dir. */
    private Path path(YamlSection s, String key, String text) {
        try {
            if (text.isBlank()) {
                throw s.invalid(s.keyPath(key), "must not be empty");
            }
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw s.invalid(s.keyPath(key), "is not a valid path: " + e.getReason());
        }
    }

    private static String valid(YamlSection s, String key, String value, Predicate<String> ok, String problem) {
        if (!ok.test(value)) {
            throw s.invalid(s.keyPath(key), problem);
        }
        return value;
    }
}
