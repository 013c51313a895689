package org.assemblybot.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One section of {@code bot.yaml}, declared as data by whoever owns it (a feature declares its own, e.g.
 * {@code CountdownConfig.SECTION}): its keys with their types, defaults and comments, and the rules between
 * keys. The loader checks every declared section the same way, and the example file is rendered from them.
 */
public final class ConfigSection {
    /** A rule between keys of the section, checked after each key was read on its own. */
    private interface Rule {
        /** @throws ConfigProblem when the values break the rule */
        void check(String section, SectionValues values);
    }

    private record LessThan<T extends Comparable<? super T>>(Setting<T> smaller, Setting<T> larger) implements Rule {
        @Override
        public void check(String section, SectionValues values) {
            T small = values.find(smaller).orElse(null);
            T large = values.find(larger).orElse(null);
            if (small != null && large != null && small.compareTo(large) >= 0) {
                throw new ConfigProblem("'" + section + "." + smaller.key() + "' must be less than '" + section + "."
                        + larger.key() + "' (" + larger.type().render(large) + "), not "
                        + smaller.type().render(small));
            }
        }
    }

    private record Requirement(java.util.function.Predicate<SectionValues> ok, String problem) implements Rule {
        @Override
        public void check(String section, SectionValues values) {
            if (!ok.test(values)) {
                throw new ConfigProblem(problem);
            }
        }
    }

    private final String name;
    private final boolean required;
    private final List<Setting<?>> settings;
    private final List<Rule> rules;

    private ConfigSection(String name, boolean required, List<Setting<?>> settings, List<Rule> rules) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a section name is lower_snake_case: " + name);
        }
        Set<String> keys = new HashSet<>();
        for (Setting<?> setting : settings) {
            if (!keys.add(setting.key())) {
                throw new IllegalArgumentException("key declared twice: " + name + "." + setting.key());
            }
        }
        this.name = name;
        this.required = required;
        this.settings = List.copyOf(settings);
        this.rules = List.copyOf(rules);
    }

    /** A section that may be left out of the file: every key then has its default. */
    public static ConfigSection optional(String name, Setting<?>... settings) {
        return new ConfigSection(name, false, List.of(settings), List.of());
    }

    /** A section the file must have, e.g. {@code matrix}. */
    public static ConfigSection required(String name, Setting<?>... settings) {
        return new ConfigSection(name, true, List.of(settings), List.of());
    }

    /** Adds the rule that {@code smaller}'s value must be less than {@code larger}'s (when both have one). */
    public <T extends Comparable<? super T>> ConfigSection requireLess(Setting<T> smaller, Setting<T> larger) {
        if (!settings.contains(smaller) || !settings.contains(larger)) {
            throw new IllegalArgumentException("a rule between keys of another section: " + smaller + ", " + larger);
        }
        return withRule(new LessThan<>(smaller, larger));
    }

    /**
     * Adds a rule the section's values must keep together, e.g. "a non-loopback address needs allow_remote";
     * {@code problem} is the whole message, naming the keys ({@code 'ops.listen' …}).
     */
    public ConfigSection require(java.util.function.Predicate<SectionValues> ok, String problem) {
        return withRule(new Requirement(ok, problem));
    }

    private ConfigSection withRule(Rule rule) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(rule);
        return new ConfigSection(name, required, settings, more);
    }

    public String name() {
        return name;
    }

    public boolean isRequired() {
        return required;
    }

    public List<Setting<?>> settings() {
        return settings;
    }

    /** Every key with its default: what a file without this section gives. */
    public SectionValues defaults() {
        return read(Map.of());
    }

    /**
     * Reads the declared keys from {@code raw} (keys it does not declare are the caller's to refuse first).
     * A key set to null ({@code key: ~}) counts as absent, i.e. "use the default".
     *
     * @throws ConfigProblem for a missing required key, a bad value or a broken rule
     */
    public SectionValues read(Map<String, ?> raw) {
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            String path = name + "." + setting.key();
            Object given = raw.get(setting.key());
            if (given != null) {
                values.put(setting, setting.read(given, path));
            } else if (setting.isRequired()) {
                throw new ConfigProblem("missing required key '" + path + "'");
            } else if (setting.defaultValue() != null) {
                values.put(setting, setting.defaultValue());
            }
        }
        SectionValues read = new SectionValues(this, values);
        rules.forEach(rule -> rule.check(name, read));
        return read;
    }

    @Override
    public String toString() {
        return name;
    }
}
