package org.assemblybot.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One scalar as text (numbers too, so {@code device_name: 2024} works), with checks that each name what a
 * good value looks like. {@link #map} turns it into a richer value (a URL, a user id).
 */
public final class TextType implements ValueType<String> {
    static final TextType ANY = new TextType(List.of());

    /** Text YAML reads back unchanged without quotes; anything else is written in double quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:+-]*");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[0-9+.-][0-9_.:eE+-]*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

    private record Check(Predicate<String> ok, String problem) {
    }

    private final List<Check> checks;

    private TextType(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Adds a check; {@code problem} completes "'key' …", e.g. "must be 1 to 3 characters without spaces". */
    public TextType check(Predicate<String> ok, String problem) {
        List<Check> more = new ArrayList<>(checks);
        more.add(new Check(ok, problem));
        return new TextType(more);
    }

    public TextType notBlank() {
        return check(text -> !text.isBlank(), "must not be empty");
    }

    /** A richer value made from the checked text; {@code parse} is empty when the text names none. */
    public <R> ValueType<R> map(Function<String, Optional<R>> parse, String problem) {
        return new ValueType<>() {
            @Override
            public R read(Object raw, String example) {
                return parse.apply(TextType.this.read(raw, example)).orElseThrow(() -> new BadValue(problem, raw));
            }

            @Override
            public String render(R value) {
                return TextType.this.render(value.toString());
            }
        };
    }

    @Override
    public String read(Object raw, String example) {
        if (!ValueType.isScalar(raw)) {
            throw new BadValue("must be a single value, not a list or section", raw);
        }
        String text = raw.toString();
        for (Check check : checks) {
            if (!check.ok().test(text)) {
                throw new BadValue(check.problem(), raw);
            }
        }
        return text;
    }

    @Override
    public String render(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !NUMBER_LIKE.matcher(value).matches()
                && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : quoted(value);
    }

    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
