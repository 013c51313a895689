package org.assemblybot.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assemblybot.core.time.UnknownZoneException;
import org.assemblybot.core.time.ZoneResolver;

/**
 * How one key's value is read from the YAML tree and written back into the example file. Raw values are
 * what a YAML parser gives as plain Java: String, Integer/Long/BigInteger, Double, Boolean, List, Map.
 *
 * @param <T> the typed value a feature gets
 */
public interface ValueType<T> {
    /**
     * @param raw     never null (an absent or {@code ~} key is given its default instead)
     * @param example a good value as it is written in YAML, for messages ("like 20")
     * @throws BadValue saying what the value must be
     */
    T read(Object raw, String example);

    /** The value as YAML, e.g. {@code 60s}, {@code [24h, 1h]}, {@code "!"}. */
    String render(T value);

    static IntegerType integer() {
        return new IntegerType(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static DurationType duration() {
        return DurationType.NOT_NEGATIVE;
    }

    static TextType text() {
        return TextType.ANY;
    }

    /** A list of {@code elements}, e.g. {@code list(duration().positive())} for {@code [24h, 1h]}. */
    static <E> ListType<E> list(ValueType<E> elements) {
        return new ListType<>(elements, null);
    }

    /** {@code true} or {@code false}; YAML's other spellings are what the parser makes of them. */
    static ValueType<Boolean> bool() {
        return of(raw -> {
            if (raw instanceof Boolean value) {
                return value;
            }
            throw new BadValue("must be true or false", raw);
        }, Object::toString);
    }

    /** An IANA region id or UTC, read by the same resolver as {@code !tz}. */
    static ValueType<ZoneId> zone() {
        return of(raw -> {
            try {
                return ZoneResolver.resolve(TextType.ANY.read(raw, ""));
            } catch (UnknownZoneException e) {
                throw new BadValue(e.configProblem(), raw);
            }
        }, ZoneId::getId);
    }

    /**
     * A file system path, as written; the config adapter resolves a relative one against the config file's
     * directory, so that the bot does not depend on the directory it was started from.
     */
    static ValueType<Path> path() {
        return of(raw -> {
            String text = TextType.ANY.read(raw, "");
            if (text.isBlank()) {
                throw new BadValue("must not be empty", raw);
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new BadValue("is not a valid path: " + e.getReason(), raw);
            }
        }, value -> TextType.ANY.render(value.toString()));
    }

    /** A type whose messages need no example: {@code read} throws {@link BadValue}. */
    private static <T> ValueType<T> of(Function<Object, T> read, Function<T, String> render) {
        return new ValueType<>() {
            @Override
            public T read(Object raw, String example) {
                return read.apply(raw);
            }

            @Override
            public String render(T value) {
                return render.apply(value);
            }
        };
    }

    /** Whether {@code raw} is one value rather than a list or a section. */
    static boolean isScalar(Object raw) {
        return !(raw instanceof List<?>) && !(raw instanceof Map<?, ?>);
    }
}
