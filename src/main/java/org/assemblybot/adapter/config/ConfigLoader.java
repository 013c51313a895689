package org.assemblybot.adapter.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.config.ConfigProblem;
import org.assemblybot.core.config.ConfigSchema;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.config.ExampleYaml;

/**
 * Reads {@code bot.yaml} into {@link BotConfig}. The YAML is parsed into a tree of plain values and checked
 * against the declared sections ({@link ConfigSchema}): the adapters' own sections below and the features'
 * sections the app passes in, so this adapter knows no feature. Every error names the file and the key.
 */
public final class ConfigLoader {
    /** The sections the adapters read, first in the file. */
    static final List<ConfigSection> CORE_SECTIONS = List.of(
            MatrixConfig.SECTION, StorageConfig.SECTION, AccessConfig.SECTION, CommandsConfig.SECTION);
    private static final List<String> EXAMPLE_HEADER = List.of(
            "assembly-bot configuration. Copy to bot.yaml and adjust.",
            "Unknown keys stop the bot at startup with the key's name, so a typo never silently becomes a default.",
            "Durations: 90s, 5m, 1h30m, 2d, 1w or ISO-8601 like PT30S. Relative paths are taken from this file's"
                    + " directory.",
            "This file is generated from the declared sections (ExampleConfigTest); edit the declarations, not it.");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String file;
    private final Path baseDir;
    private final ConfigSchema schema;

    private ConfigLoader(Path file, List<ConfigSection> featureSections) {
        this.file = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
        this.schema = new ConfigSchema(sections(featureSections));
    }

    /**
     * Loads and checks {@code file}; relative paths in it resolve against the file's directory.
     *
     * @param featureSections the sections the features declare, e.g. {@code CountdownConfig.SECTION}
     */
    public static BotConfig load(Path file, List<ConfigSection> featureSections) {
        return new ConfigLoader(file, featureSections).read(file);
    }

    /** Every section in file order: the adapters' own, then the features'. */
    public static List<ConfigSection> sections(List<ConfigSection> featureSections) {
        List<ConfigSection> all = new ArrayList<>(CORE_SECTIONS);
        all.addAll(featureSections);
        return List.copyOf(all);
    }

    /** The text of {@code bot-config.example.yaml}: every declared key, commented, with its default. */
    public static String exampleFile(List<ConfigSection> featureSections) {
        return ExampleYaml.render(EXAMPLE_HEADER, sections(featureSections));
    }

    private BotConfig read(Path path) {
        JsonNode tree = parse(path);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(file + ": is empty; see bot-config.example.yaml");
        }
        if (!tree.isObject()) {
            throw new ConfigException(file + ": must be a set of sections (" + schema.sectionNames() + ")");
        }
        try {
            ConfigValues values = schema.read(YAML.convertValue(tree, new TypeReference<Map<String, Object>>() {
            }));
            return new BotConfig(
                    MatrixConfig.from(values.of(MatrixConfig.SECTION), this::resolve),
                    new StorageConfig(resolve(values.of(StorageConfig.SECTION).get(StorageConfig.DATA_DIR))),
                    AccessConfig.from(values.of(AccessConfig.SECTION)),
                    CommandsConfig.from(values.of(CommandsConfig.SECTION)),
                    values);
        } catch (ConfigProblem e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
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

    /** A path from the config; a relative one is taken from the config file's directory, not the working dir. */
    private Path resolve(Path path) {
        return baseDir.resolve(path).normalize();
    }
}
