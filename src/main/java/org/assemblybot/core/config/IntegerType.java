package org.assemblybot.core.config;

import java.math.BigInteger;

/** A whole number within a range. A quoted {@code "50"} is refused: YAML made it text, so it was not meant as one. */
public final class IntegerType implements ValueType<Integer> {
    private final int min;
    private final int max;

    IntegerType(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        this.min = min;
        this.max = max;
    }

    public IntegerType atLeast(int smallest) {
        return new IntegerType(smallest, max);
    }

    public IntegerType atMost(int largest) {
        return new IntegerType(min, largest);
    }

    @Override
    public Integer read(Object raw, String example) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            BigInteger value = new BigInteger(raw.toString());
            if (value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0) {
                return value.intValue();
            }
        }
        throw new BadValue("must be a whole number" + range() + ", like " + example, raw);
    }

    private String range() {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "";
        }
        if (max == Integer.MAX_VALUE) {
            return " of " + min + " or more";
        }
        if (min == Integer.MIN_VALUE) {
            return " of " + max + " or less";
        }
        return " from " + min + " to " + max;
    }

    @Override
    public String render(Integer value) {
        return value.toString();
    }
}
