package org.assemblybot.testkit;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property runner for the fuzz tests: {@code tries} inputs drawn from a seeded random source, each
 * checked by a property; the first failure names the seed, the try and the input (control characters shown as
 * {@code \}{@code uXXXX}), so it can be replayed with {@code -Dfuzz.seed=…}. The default seed is fixed per
 * property, so CI runs the same inputs every time; a run with another seed explores new ones. It does not shrink:
 * the generators keep inputs small instead.
 */
public final class Fuzz {
    private final SplittableRandom random;

    private Fuzz(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Runs {@code property} on {@code tries} inputs from {@code generator}.
     *
     * @param describe how a failing input is shown (e.g. the event's fields; never needed for passing ones)
     */
    public static <T> void forAll(String name, int tries, Function<Fuzz, T> generator, Function<T, String> describe,
                                  Consumer<T> property) {
        long seed = Long.getLong("fuzz.seed", name.hashCode());
        Fuzz fuzz = new Fuzz(seed);
        for (int i = 0; i < tries; i++) {
            T input = generator.apply(fuzz);
            try {
                property.accept(input);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " failed on try " + (i + 1) + " of " + tries + " (seed " + seed
                        + ", replay with -Dfuzz.seed=" + seed + ") for input: " + visible(describe.apply(input))
                        + "\n" + e.getMessage(), e);
            }
        }
    }

    /** Control and invisible characters as escapes, so a failure message shows what was typed. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c > 0xFFFF) {
                out.append(String.format("\\u{%X}", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    // ---- drawing values

    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A word of {@code length} code points drawn from {@code alphabet}. */
    public String word(String alphabet, int length) {
        int[] points = alphabet.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return out.toString();
    }

    /** Any code point: controls, surrogates' partners, private use, emoji, right-to-left marks. */
    public String anyCodePoints(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = chance(0.5) ? random.nextInt(0, 0x80) : random.nextInt(0, 0x110000);
            if (c >= 0xD800 && c <= 0xDFFF) {
                c = chance(0.5) ? c : 0xFFFD; // a lone surrogate now and then, as a broken client might send
                out.append((char) c);
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }
}
