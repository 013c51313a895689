package org.assemblybot.feature.vote;

import java.util.Locale;
import org.assemblybot.core.command.UserFacingException;

/** How many must take part for a result to count: a number of people, or a share of the joined members. */
record Quorum(int amount, boolean percent) {
    static Quorum parse(String text, String usage) {
        String typed = text.strip();
        boolean percent = typed.endsWith("%");
        String number = percent ? typed.substring(0, typed.length() - 1) : typed;
        int amount;
        try {
            amount = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new UserFacingException("`--quorum` takes a number of people or a percentage, e.g. `--quorum 5` or "
                    + "`--quorum 50%`.\n" + usage);
        }
        if (amount < 1 || (percent && amount > 100)) {
            throw new UserFacingException("A quorum is 1 or more people, or 1% to 100% of the members.\n" + usage);
        }
        return new Quorum(amount, percent);
    }

    static Quorum fromStored(String stored) {
        if (stored == null) {
            return null;
        }
        return stored.endsWith("%") ? new Quorum(Integer.parseInt(stored.substring(0, stored.length() - 1)), true)
                : new Quorum(Integer.parseInt(stored), false);
    }

    String stored() {
        return amount + (percent ? "%" : "");
    }

    /** Whether {@code voters} of {@code members} meet it; a percentage rounds up (50% of 5 is 3). */
    boolean met(int voters, int members) {
        return percent ? (long) voters * 100 >= (long) amount * members : voters >= amount;
    }

    /** The number of people needed, for the result text. */
    int needed(int members) {
        return percent ? (int) Math.ceil(amount * members / 100.0) : amount;
    }

    String describe(int members) {
        return percent ? String.format(Locale.ROOT, "%d%% of %d members = %d", amount, members, needed(members))
                : Integer.toString(amount);
    }
}
