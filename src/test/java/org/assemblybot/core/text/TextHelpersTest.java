package org.assemblybot.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextHelpersTest {
    @ParameterizedTest
    @CsvSource({"ping, ping, 0", "pnig, ping, 1", "pin, ping, 1", "pong, ping, 1", "help, hlep, 1",
            "'', abc, 3", "kitten, sitting, 3", "ca, abc, 3"})
    void editDistanceCountsASwapAsOneEdit(String a, String b, int expected) {
        assertEquals(expected, EditDistance.between(a, b));
        assertEquals(expected, EditDistance.between(b, a));
    }

    @Test
    void codeSpansBecomeCodeInHtmlAndStayInThePlainBody() {
        RichText text = CodeSpans.render("Try `!tz <zone>`\nor <b>not</b>");
        assertEquals("Try `!tz <zone>`\nor <b>not</b>", text.plain());
        assertEquals("Try <code>!tz &lt;zone&gt;</code><br>or &lt;b&gt;not&lt;/b&gt;", text.html());
    }

    @Test
    void anUnpairedBacktickIsShownAsText() {
        RichText text = CodeSpans.render("a `b` c ` <i>");
        assertEquals("a <code>b</code> c ` &lt;i&gt;", text.html());
        assertEquals("a `b` c ` <i>", text.plain());
    }

    @Test
    void quotableTextIsOneLineWithoutBackticksAndCut() {
        assertEquals("a 'b' c", UserText.quotable(" a\n`b`\tc ", 10));
        assertEquals("abc…", UserText.quotable("abcdef", 3));
        assertEquals("😀😀…", UserText.quotable("😀😀😀", 2));
    }
}
