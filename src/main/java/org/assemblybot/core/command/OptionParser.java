package org.assemblybot.core.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Takes the declared {@code --options} out of the typed words, wherever they stand. */
final class OptionParser {
    /** Why the words could not be read, as text with {@code `code`} spans; the router adds the usage. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param positional the words that are not options, in order
     * @param options    option name → value ({@code ""} for a flag), in the order typed
     */
    record Split(List<String> positional, Map<String, String> options) {
    }

    private OptionParser() {
    }

    /** Without declared options, every word is positional (so {@code --} can still start a plain word). */
    static Split split(List<OptionSpec> declared, List<String> tokens) {
        if (declared.isEmpty()) {
            return new Split(tokens, Map.of());
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i);
            if (!isOptionWord(word)) {
                positional.add(word);
                continue;
            }
            String name = word.substring(2).toLowerCase(Locale.ROOT);
            OptionSpec option = find(declared, name).orElseThrow(() -> unknown(declared, word));
            if (options.containsKey(option.name())) {
                throw new Problem("`--" + option.name() + "` is given twice.");
            }
            if (option.flag()) {
                options.put(option.name(), "");
                continue;
            }
            int end = i + 1;
            while (end < tokens.size() && !isOptionWord(tokens.get(end)) && (option.words() || end == i + 1)) {
                end++;
            }
            if (end == i + 1) {
                throw new Problem("`--" + option.name() + "` needs a value: `--" + option.name() + " " + option.value()
                        + "`.");
            }
            options.put(option.name(), String.join(" ", tokens.subList(i + 1, end)));
            i = end - 1;
        }
        return new Split(positional, options);
    }

    private static boolean isOptionWord(String word) {
        return word.length() > 2 && word.startsWith("--");
    }

    private static Optional<OptionSpec> find(List<OptionSpec> declared, String name) {
        return declared.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    private static Problem unknown(List<OptionSpec> declared, String typed) {
        List<String> names = declared.stream().map(o -> "--" + o.name()).toList();
        StringBuilder known = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            known.append(i == 0 ? "" : i == names.size() - 1 ? " and " : ", ").append(names.get(i));
        }
        String shown = org.assemblybot.core.text.UserText.quotable(typed, 32);
        String suggestion = Suggestions.closest(typed.toLowerCase(Locale.ROOT), names)
                .map(name -> " Did you mean `" + name + "`?").orElse("");
        return new Problem("Unknown option `" + shown + "`; there " + (names.size() == 1 ? "is " : "are ") + known
                + "." + suggestion);
    }
}
