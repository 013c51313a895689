package org.assemblybot.tour;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Prints what the tour's people see, line by line as their clients receive it, the way a chat client shows a room:
 * the homeserver's time, who, and the plain body (long lines broken between words). An edit shows the lines it
 * changed; a reaction and a poll answer take one line each; a direct message is marked as such. People and the room
 * are shown by name (a client shows pills the same way); the text is otherwise the bot's own. Keeps the transcript
 * for the test that runs the tour.
 */
final class TranscriptPrinter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int NAME_WIDTH = 6;
    /** Columns a line may take: a terminal's width, or close to it. */
    private static final int WIDTH = 100;
    private static final String INDENT = " ".repeat(8 + 2 + NAME_WIDTH + 1);

    private final PrintStream out;
    private final Map<UserId, String> names = new LinkedHashMap<>();
    /** Each message's current lines, so that an edit shows only what it changed. */
    private final Map<EventId, List<String>> current = new HashMap<>();
    /** Events already printed: a direct room may be seen by two clients. */
    private final Set<EventId> printed = new HashSet<>();
    private RoomId room;
    private String roomName;
    /** The transcript with every line whole, as the clients received it (the printed one breaks long lines). */
    private final StringBuilder whole = new StringBuilder();

    TranscriptPrinter(PrintStream out) {
        this.out = out;
    }

    /** Shows {@code user} as {@code name}, in the sender column and where a message names them. */
    synchronized void name(UserId user, String name) {
        names.put(user, name);
    }

    /** The room the tour happens in, and its name; messages elsewhere are direct messages. */
    synchronized void room(RoomId shared, String name) {
        this.room = shared;
        this.roomName = name;
    }

    /** A line of the tour's own, not of the room. */
    synchronized void say(String line) {
        emit(line);
    }

    synchronized void section(int number, String title, String whatYouSee) {
        emit("");
        String heading = "── " + number + ". " + title + " ";
        emit(heading + "─".repeat(Math.max(3, 72 - heading.length())));
        for (String line : whatYouSee.split("\n")) {
            emit("   " + line);
        }
        emit("");
    }

    /** An event as {@code viewer}'s client received it. */
    synchronized void received(ChatEvent event, UserId viewer) {
        if (room == null || !printed.add(event.id())) {
            return;
        }
        String direct = event.room().equals(room) ? null : "✉ to " + names.getOrDefault(viewer, viewer.value()) + ":";
        if (event instanceof ChatEvent.Message m && m.isEdit()) {
            edited(m, direct);
        } else if (event instanceof ChatEvent.Message m) {
            List<String> lines = lines(m.body());
            current.put(m.id(), lines);
            List<String> shown = new ArrayList<>(lines);
            if (m.msgtype().endsWith("poll.start")) {
                shown.set(0, "📊 (poll) " + shown.get(0));
            }
            line(m.sentAt(), m.sender(), marked(shown, direct));
        } else if (direct != null) {
            return; // in a direct room only the messages tell a newcomer something
        } else if (event instanceof ChatEvent.Reaction r) {
            line(r.sentAt(), r.sender(), List.of("reacted " + r.key()));
        } else if (event instanceof ChatEvent.PollResponse p) {
            line(p.sentAt(), p.sender(), List.of("answered the poll: option " + String.join(", ", p.answers())));
        } else if (event instanceof ChatEvent.Membership j && "join".equals(j.membership())) {
            line(j.sentAt(), j.target(), List.of("joined the room"));
        } else if (event instanceof ChatEvent.Redaction r) {
            line(r.sentAt(), r.sender(), List.of("deleted a message"));
        } else if (event instanceof ChatEvent.Undecryptable u) {
            line(u.sentAt(), u.sender(), List.of("⚠ (a message this client could not decrypt)"));
        } else if (event instanceof ChatEvent.File f) {
            line(f.sentAt(), f.sender(), List.of("(sent a file)"));
        }
    }

    /** Everything printed so far, with long lines whole (not broken as printed). */
    synchronized String text() {
        return whole.toString();
    }

    private void edited(ChatEvent.Message edit, String direct) {
        List<String> after = lines(edit.body().startsWith("* ") ? edit.body().substring(2) : edit.body());
        List<String> before = current.getOrDefault(edit.replaces(), List.of());
        boolean repeats = current.entrySet().stream()
                .anyMatch(other -> !other.getKey().equals(edit.replaces()) && other.getValue().equals(after));
        current.put(edit.replaces(), after);
        List<String> changed = new ArrayList<>(after.stream().filter(l -> !before.contains(l)).toList());
        if (repeats) {
            // A live message ending as a message already shown (a vote's turnout becomes its results).
            changed = new ArrayList<>(List.of(after.get(0) + " … (as above)"));
        } else if (changed.isEmpty()) {
            changed.add("(the same text)");
        }
        changed.set(0, "(edited) " + changed.get(0));
        line(edit.sentAt(), edit.sender(), marked(changed, direct));
    }

    private List<String> marked(List<String> lines, String mark) {
        if (mark == null) {
            return lines;
        }
        List<String> withMark = new ArrayList<>(lines);
        withMark.set(0, mark + " " + withMark.get(0));
        return withMark;
    }

    private void line(Instant at, UserId who, List<String> lines) {
        String name = names.getOrDefault(who, who.value());
        String head = TIME.format(at) + "  " + pad(name) + " ";
        for (String line : lines) {
            whole.append(head).append(named(line)).append('\n');
            for (String part : wrapped(named(line))) {
                print(head + part);
                head = INDENT;
            }
        }
    }

    /** A long line in parts of at most {@link #WIDTH} columns with the indent, broken between words. */
    private static List<String> wrapped(String line) {
        int width = WIDTH - INDENT.length();
        List<String> parts = new ArrayList<>();
        String rest = line;
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        parts.add(rest);
        return parts;
    }

    private String named(String line) {
        String shown = room == null ? line : line.replace(room.value(), "#" + roomName);
        for (Map.Entry<UserId, String> person : names.entrySet()) {
            shown = shown.replace(person.getKey().value(), "@" + person.getValue());
        }
        return shown;
    }

    private static List<String> lines(String body) {
        return List.of(body.strip().split("\n"));
    }

    private static String pad(String name) {
        return name.length() >= NAME_WIDTH ? name : name + " ".repeat(NAME_WIDTH - name.length());
    }

    /** A line of the tour's own (a heading, a note). */
    private void emit(String line) {
        whole.append(line).append('\n');
        print(line);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
