package org.assemblybot.feature.vote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.text.UserText;

/**
 * What {@code !vote "<question>" [option …] [--close 5m|at <time>] [--multi N] [--quorum N|N%]} or
 * {@code !propose "<proposal>" [--close …] [--quorum …]} asked for, checked but not yet resolved in time.
 *
 * @param closeIn   a duration ({@code --close 5m}), or null
 * @param closeAt   a time ({@code --close at friday 18:00}), or null
 * @param secret    {@code --secret}: an anonymous vote, balloted in direct rooms
 */
record VoteRequest(String question, List<String> options, String closeIn, String closeAt, int multi, Quorum quorum,
                   boolean secret) {
    static final int MAX_OPTIONS = 20;
    static final List<String> DEFAULT_OPTIONS = List.of("yes", "no", "abstain");

    /**
     * @param words   the words after the command, declared options already taken out by the router
     * @param given   the declared options given: {@code close}, {@code multi}, {@code quorum}, {@code secret}
     */
    static VoteRequest parse(List<String> words, Map<String, String> given, boolean proposal, String usage) {
        List<String> plain = new ArrayList<>(words);
        String closeIn = null;
        String closeAt = null;
        String close = given.get("close");
        if (close != null) {
            // "--close at friday 18:00" runs to the next option; "--close 5m" is one word, and the words after it
            // are the vote's options, as they were before the option.
            List<String> closeWords = List.of(close.split(" "));
            if (closeWords.get(0).equalsIgnoreCase("at")) {
                if (closeWords.size() == 1) {
                    throw new UserFacingException("`--close at` needs a time, e.g. `--close at 18:00`.\n" + usage);
                }
                closeAt = String.join(" ", closeWords.subList(1, closeWords.size()));
            } else {
                closeIn = closeWords.get(0);
                plain.addAll(closeWords.subList(1, closeWords.size()));
            }
        }
        Integer multi = null;
        if (given.containsKey("multi")) {
            try {
                multi = Integer.parseInt(given.get("multi"));
            } catch (NumberFormatException e) {
                throw new UserFacingException("`--multi` takes how many options one person may choose, e.g. "
                        + "`--multi 2`.\n" + usage);
            }
        }
        Quorum quorum = given.containsKey("quorum") ? Quorum.parse(given.get("quorum"), usage) : null;
        boolean secret = given.containsKey("secret");
        if (plain.isEmpty() || plain.get(0).isBlank()) {
            throw new UserFacingException((proposal ? "The proposal" : "The question") + " is empty.\n" + usage);
        }
        String question;
        List<String> options;
        if (proposal) {
            question = String.join(" ", plain).strip();
            options = Vote.POSITIONS;
        } else {
            question = plain.get(0).strip();
            options = plain.size() == 1 ? DEFAULT_OPTIONS : plain.subList(1, plain.size()).stream().map(String::strip)
                    .toList();
        }
        TextLimits.require(proposal ? "proposal" : "question", question, TextLimits.TITLE, usage);
        if (options.size() > MAX_OPTIONS) {
            throw new UserFacingException("A vote has at most " + MAX_OPTIONS + " options; you gave " + options.size()
                    + ".\n" + usage);
        }
        if (options.size() == 1) {
            throw new UserFacingException("Give at least two options (or none for yes / no / abstain).\n" + usage);
        }
        Set<String> seen = new HashSet<>();
        for (String option : options) {
            if (option.isEmpty()) {
                throw new UserFacingException("An option is empty.\n" + usage);
            }
            TextLimits.require("option `" + UserText.quotable(option, 20) + "`", option, TextLimits.OPTION, usage);
            if (!seen.add(option.toLowerCase(Locale.ROOT))) {
                throw new UserFacingException("The option `" + UserText.quotable(option, 40) + "` is there twice.\n"
                        + usage);
            }
            if (option.matches("\\d+")) {
                throw new UserFacingException("An option can't be just a number (`" + option + "`): `!v` reads numbers "
                        + "as option numbers.\n" + usage);
            }
        }
        int max = multi == null ? 1 : multi;
        if (max < 1 || max > options.size()) {
            throw new UserFacingException("`--multi` is 1 to " + options.size() + " (the number of options).\n" + usage);
        }
        return new VoteRequest(question, List.copyOf(options), closeIn, closeAt, max, quorum, secret);
    }
}
