package org.assemblybot.feature.debrief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One skill, one tag, however it is typed; a sentence is never a tag. */
class SkillTagsTest {
    @ParameterizedTest
    @ValueSource(strings = {"first aid", "First-Aid", "first aid!", "FIRST_AID", "  first   aid ", "First‑Aid?"})
    void spellingsOfOneSkillAreOneTag(String typed) {
        assertEquals("first aid", SkillTags.normalise(SkillTags.split(typed).skill()));
    }

    @Test
    void theSkillEndsAtTheFirstSentenceMark() {
        SkillTags.Typed typed = SkillTags.split("Legal observing. I was scared — next time I want to know more");
        assertEquals("Legal observing", typed.skill());
        assertEquals("I was scared — next time I want to know more", typed.remark());
        assertEquals("", SkillTags.split("!!!").skill());
        assertEquals("comms", SkillTags.split("comms - on the phones").skill());
    }

    @Test
    void lettersOfEveryScriptStayAndALongTagDoesNotFit() {
        assertEquals("erste hilfe für alle", SkillTags.normalise("Erste-Hilfe für alle!"));
        assertEquals("primeros auxilios", SkillTags.normalise("Primeros (auxilios)"));
        assertTrue(SkillTags.fits("x".repeat(SkillTags.MAX)));
        assertFalse(SkillTags.fits("x".repeat(SkillTags.MAX + 1)));
        assertFalse(SkillTags.fits(""));
    }

    @Test
    void topicsAndRolesMeetTagsByTheirWords() {
        assertTrue(SkillTags.sameSkill("first aid basics", "first aid"));
        assertTrue(SkillTags.sameSkill("first aid", "first aid"));
        assertFalse(SkillTags.sameSkill("first aid", "legal observing"));
        assertTrue(SkillTags.related("Comms team", "comms"));
        assertTrue(SkillTags.related("Press & Comms", "comms"));
        assertFalse(SkillTags.related("Medic team", "team building"), "filler words relate nothing");
        assertFalse(SkillTags.related("Facilitation", "first aid"));
    }
}
