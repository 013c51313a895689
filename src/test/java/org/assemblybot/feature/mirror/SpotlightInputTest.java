package org.assemblybot.feature.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.assemblybot.core.command.UserFacingException;
import org.junit.jupiter.api.Test;

class SpotlightInputTest {
    private static SpotlightInput parse(String typed) {
        return SpotlightInput.parse(typed, "!");
    }

    private static String refusal(String typed) {
        return assertThrows(UserFacingException.class, () -> parse(typed)).getMessage();
    }

    @Test
    void readsFourPartsWithCountriesInSeveralLanguagesAndCodes() {
        SpotlightInput input = parse(" Chile |  Water  defenders | https://a.example/x, http://b.example | Echo? ");
        assertEquals("CL", input.country().alpha2());
        assertEquals("Water defenders", input.struggle());
        assertEquals(List.of("https://a.example/x", "http://b.example"), input.links());
        assertEquals("Echo?", input.echo());
        for (String name : List.of("Allemagne", "Deutschland", "DE", "deu", "Germany")) {
            assertEquals("DE", parse(name + " | s | https://x.example | e").country().alpha2(), name);
        }
    }

    @Test
    void anUnknownCountryGetsTheClosestNames() {
        String reply = refusal("Chilee | s | https://x.example | e");
        assertTrue(reply.contains("I don't know the country `Chilee`") && reply.contains("Chile (`CL`)"), reply);
        assertTrue(refusal("Qwxz | s | https://x.example | e").contains("ISO code"));
    }

    @Test
    void missingPartsAreNamedWithTheFormatAndAnExample() {
        String reply = refusal("Chile | water");
        assertTrue(reply.contains("Missing: one or more links, how our next action echoes theirs")
                && reply.contains("`!mirror set <country> | <struggle> | <links> | <echo>`")
                && reply.contains("Example: `!mirror set Chile"), reply);
        assertTrue(refusal("").contains("Missing: the country, the struggle in a line"));
        assertTrue(refusal("a | b | c | d | e").contains("four parts"));
    }

    @Test
    void onlyWebLinksAreTaken() {
        for (String link : List.of("javascript:alert(1)", "ftp://x.example/f", "example.org", "https://", "mxc://a/b",
                "https://user:pw@x.example")) {
            assertTrue(refusal("Chile | s | " + link + " | e").contains("is not a web link"), link);
        }
        assertTrue(refusal("Chile | s | " + "https://x.example ".repeat(6) + "| e").contains("At most 5 links"));
    }

    @Test
    void aSpotlightLongerThanACardIsRefusedWithItsLength() {
        assertTrue(refusal("Chile | " + "x".repeat(201) + " | https://x.example | e")
                .contains("The struggle is at most 200 characters (it has 201)"));
        String links = ("https://x.example/" + "y".repeat(180) + " ").repeat(4);
        String reply = refusal("Chile | " + "s".repeat(150) + " | " + links + " | " + "e".repeat(250));
        assertTrue(reply.contains("a card holds at most 1000"), reply);
    }
}
