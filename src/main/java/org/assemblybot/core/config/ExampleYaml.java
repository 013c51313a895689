package org.assemblybot.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders declared sections as a commented YAML file: every key with its example or default value, and
 * above it whether it is required, its default and its comment. The repository's example config is this
 * text, so it cannot drift from the declarations.
 */
public final class ExampleYaml {
    private static final int WIDTH = 110;
    private static final String INDENT = "  ";

    private ExampleYaml() {
    }

    /** {@code header} lines become comments at the top; then each section in order, a blank line between. */
    public static String render(List<String> header, List<ConfigSection> sections) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        for (ConfigSection section : sections) {
            out.append('\n').append(section.name()).append(":\n");
            for (Setting<?> setting : section.settings()) {
                for (String line : wrap(lead(setting) + setting.comment(), WIDTH - INDENT.length() - 2)) {
                    out.append(INDENT).append("# ").append(line).append('\n');
                }
                out.append(INDENT).append(keyLine(setting)).append('\n');
            }
        }
        return out.toString();
    }

    /** "Required. ", "Optional. " or "Optional, default 20. " */
    private static <T> String lead(Setting<T> setting) {
        if (setting.isRequired()) {
            return "Required. ";
        }
        T byDefault = setting.defaultValue();
        return byDefault == null ? "Optional. " : "Optional, default " + setting.type().render(byDefault) + ". ";
    }

    /** {@code key: value}; a key with neither example nor default is shown commented out. */
    private static <T> String keyLine(Setting<T> setting) {
        T shown = setting.exampleValue();
        return shown == null ? "# " + setting.key() + ":" : setting.key() + ": " + setting.type().render(shown);
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
