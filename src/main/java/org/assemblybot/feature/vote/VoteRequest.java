package org.assemblybot.feature.vote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

    static VoteRequest parse(List<String> words, boolean proposal, String usage) {
        List<String> plain = new ArrayList<>();
        String closeIn = null;
        String closeAt = null;
        Integer multi = null;
        Quorum quorum = null;
        boolean secret = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String flag = word.toLowerCase(Locale.ROOT);
            if (!flag.startsWith("--")) {
                plain.add(word);
                continue;
            }
            if (flag.equals("--secret")) {
                if (proposal) {
                    throw new UserFacingException("A proposal can't be secret: `--secret` is only for votes (a block "
                            + "has to be stated openly so the group can address it).\n" + usage);
                }
                secret = true;
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new UserFacingException("`" + UserText.quotable(word, 20) + "` needs a value.\n" + usage);
            }
            switch (flag) {
                case "--close" -> {
                    if (words.get(i + 1).equalsIgnoreCase("at")) {
                        int end = i + 2;
                        while (end < words.size() && !words.get(end).startsWith("--")) {
                            end++;
                        }
                        if (end == i + 2) {
                            throw new UserFacingException("`--close at` needs a time, e.g. `--close at 18:00`.\n" + usage);
                        }
                        closeAt = String.join(" ", words.subList(i + 2, end));
                        i = end - 1;
                    } else {
                        closeIn = words.get(++i);
                    }
                }
                case "--multi" -> {
                    if (proposal) {
                        throw new UserFacingException("A proposal has no `--multi`: everyone takes one position.\n" + usage);
                    }
                    try {
                        multi = Integer.parseInt(words.get(++i));
                    } catch (NumberFormatException e) {
                        throw new UserFacingException("`--multi` takes how many options one person may choose, e.g. "
                                + "`--multi 2`.\n" + usage);
                    }
                }
                case "--quorum" -> quorum = Quorum.parse(words.get(++i), usage);
                default -> throw new UserFacingException("I don't know the option `" + UserText.quotable(word, 20)
                        + "`.\n" + usage);
            }
        }
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
