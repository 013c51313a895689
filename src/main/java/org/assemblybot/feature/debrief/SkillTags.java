package org.assemblybot.feature.debrief;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Skill tags: the only trace the bot keeps of what people answered to "what skill did you use, or wish you had?".
 * A tag is a few normalised words ("First-Aid!", "first aid" and "first_aid" are all {@code first aid}), so that
 * wishes and offers of the same skill meet, and so that no sentence is ever stored: the skill is only the words
 * before the first sentence mark, and a longer one is refused rather than cut.
 */
final class SkillTags {
    /** A tag has at most this many characters: a skill's name, never a sentence. */
    static final int MAX = 40;
    /** Where a skill's name ends and what someone says about it begins ("first aid. It was hard …"). */
    private static final Pattern END_OF_SKILL = Pattern.compile("[.,;:!?()\\[\\]\\n…—–]| - ");
    /** Words too common to relate a skill to a role ("first aid" and "aid station" share "aid"; "of" says nothing). */
    private static final Set<String> FILLER = Set.of("and", "the", "for", "with", "how", "our", "team", "role");

    private SkillTags() {
    }

    /** What someone typed after {@code used}/{@code wish}: the skill's name, then what they said about it. */
    record Typed(String skill, String remark) {
    }

    /** Splits at the first sentence mark: {@code First-Aid! I patched someone up} → "First-Aid", "I patched …". */
    static Typed split(String typed) {
        Matcher end = END_OF_SKILL.matcher(typed);
        if (!end.find()) {
            return new Typed(typed.strip(), "");
        }
        return new Typed(typed.substring(0, end.start()).strip(), typed.substring(end.end()).strip());
    }

    /**
     * The tag for a skill's name: lower case, hyphens and underscores as spaces, every other mark dropped, single
     * spaces; may be empty (nothing but marks) or longer than {@link #MAX} (the caller refuses those).
     */
    static String normalise(String skill) {
        String lower = Normalizer.normalize(skill, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String words = lower.replaceAll("[-_‐‑/]", " ").replaceAll("[^\\p{L}\\p{M}\\p{N}\\s]", "");
        return words.replaceAll("\\s+", " ").strip();
    }

    /** Whether a normalised tag is one the bot may keep: not empty, at most {@link #MAX} characters. */
    static boolean fits(String tag) {
        return !tag.isEmpty() && tag.codePointCount(0, tag.length()) <= MAX;
    }

    /** Whether a skill share's topic and a tag are about the same skill: one's words contain all of the other's. */
    static boolean sameSkill(String topicTag, String tag) {
        Set<String> a = words(topicTag);
        Set<String> b = words(tag);
        return !a.isEmpty() && !b.isEmpty() && (a.containsAll(b) || b.containsAll(a));
    }

    /** Whether a role's name and a tag share a meaningful word ("comms" and "Comms team"). */
    static boolean related(String roleName, String tag) {
        Set<String> role = meaningful(normalise(roleName));
        return meaningful(tag).stream().anyMatch(role::contains);
    }

    private static Set<String> meaningful(String tag) {
        return words(tag).stream().filter(w -> w.length() >= 3 && !FILLER.contains(w)).collect(Collectors.toSet());
    }

    private static Set<String> words(String tag) {
        return Arrays.stream(tag.split(" ")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }
}
