package org.assemblybot.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser("!");

    private ParsedCommand parsed(String body) {
        return parser.parse(body).orElseThrow(() -> new AssertionError("not recognised as a command: " + body));
    }

    @Nested
    class Recognition {
        @Test
        void lowerCasesTheCommandWordAndKeepsTheArgumentsAsTyped() {
            ParsedCommand cmd = parsed("!TZ Europe/Berlin");
            assertEquals("tz", cmd.name());
            assertEquals(List.of("Europe/Berlin"), cmd.tokens());
            assertEquals("Europe/Berlin", cmd.rawArgs());
        }

        @Test
        void allowsLeadingWhitespace() {
            assertEquals("ping", parsed("  \n !ping").name());
        }

        @Test
        void aCommandWithoutArgumentsHasNoTokens() {
            ParsedCommand cmd = parsed("!ping");
            assertEquals(List.of(), cmd.tokens());
            assertEquals("", cmd.rawArgs());
        }

        @ParameterizedTest
        @ValueSource(strings = {"!", "! ", "! ping", "!!!", "hello !ping", "ping", "", "   ", "?ping"})
        void ordinaryConversationIsNotACommand(String body) {
            assertTrue(parser.parse(body).isEmpty(), body);
        }

        @Test
        void nullBodyIsNotACommand() {
            assertTrue(parser.parse(null).isEmpty());
        }

        @Test
        void supportsLongerPrefixes() {
            CommandParser bot = new CommandParser("bot:");
            assertEquals("ping", bot.parse("bot:ping").orElseThrow().name());
            assertTrue(bot.parse("!ping").isEmpty());
        }

        @Test
        void rejectsAPrefixWithSpaces() {
            assertThrows(IllegalArgumentException.class, () -> new CommandParser("! "));
            assertThrows(IllegalArgumentException.class, () -> new CommandParser(""));
        }
    }

    @Nested
    class ReplyFallbacks {
        @Test
        void stripsTheQuotedOriginalOfAReply() {
            String body = "> <@alice:example.org> !tz Europe/Paris\n> second line\n>\n\n!ping now";
            ParsedCommand cmd = parsed(body);
            assertEquals("ping", cmd.name());
            assertEquals(List.of("now"), cmd.tokens());
        }

        @Test
        void aReplyWithoutACommandIsNotACommand() {
            assertTrue(parser.parse("> <@alice:example.org> !ping\n\nthanks").isEmpty());
        }

        @Test
        void quotedLinesWithoutTheEmptyLineAreNotAFallback() {
            assertTrue(parser.parse("> !ping\n!ping").isEmpty());
        }

        @Test
        void handlesWindowsLineEnds() {
            assertEquals("ping", parsed("> <@a:b> hi\r\n\r\n!ping").name());
        }
    }

    @Nested
    class Quoting {
        @Test
        void doubleQuotesGroupWords() {
            assertEquals(List.of("Lunch?", "yes please", "no"), parsed("!vote Lunch? \"yes please\" no").tokens());
        }

        @Test
        void curlyQuotesGroupWords() {
            assertEquals(List.of("yes please", "no thanks"),
                    parsed("!vote \u201Cyes please\u201D \u2018no thanks\u2019").tokens());
        }

        @Test
        void germanLowQuotesGroupWords() {
            assertEquals(List.of("ja bitte"), parsed("!vote \u201Eja bitte\u201C").tokens());
        }

        @Test
        void singleQuotesGroupWords() {
            assertEquals(List.of("New York", "x"), parsed("!tz 'New York' x").tokens());
        }

        @Test
        void anApostropheInsideAWordIsNotAQuote() {
            ParsedCommand cmd = parsed("!vote don't stop");
            assertEquals(List.of("don't", "stop"), cmd.tokens());
            assertFalse(cmd.unclosedQuote());
        }

        @Test
        void backslashEscapesQuotes() {
            assertEquals(List.of("say \"hi\"", "it's", "\\"),
                    parsed("!echo \"say \\\"hi\\\"\" it\\'s \\\\").tokens());
        }

        @Test
        void anEscapedQuoteAtAWordStartIsLiteral() {
            assertEquals(List.of("\"a", "b\""), parsed("!echo \\\"a b\\\"").tokens());
        }

        @Test
        void aBackslashBeforeOtherCharactersStays() {
            assertEquals(List.of("C:\\dir"), parsed("!echo C:\\dir").tokens());
        }

        @Test
        void emptyQuotesGiveAnEmptyToken() {
            assertEquals(List.of("", "x"), parsed("!echo \"\" x").tokens());
        }

        @Test
        void collapsesRunsOfWhitespace() {
            assertEquals(List.of("a", "b"), parsed("!echo   a \t\n b  ").tokens());
        }

        @Test
        void anUnclosedQuoteIsFlaggedNotThrown() {
            ParsedCommand cmd = parsed("!vote \"yes please no");
            assertEquals("vote", cmd.name());
            assertTrue(cmd.unclosedQuote());
        }

        @Test
        void toStringNeverShowsTheArguments() {
            assertFalse(parsed("!vote secret-canary").toString().contains("secret-canary"));
        }
    }
}
