package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * {@link DirectRooms} in memory: the first call for a person "creates" a room (both joined in the
 * {@link FakeChat}, as after the person accepted the invite); later calls return the same room.
 */
public final class FakeDirectRooms implements DirectRooms {
    private final FakeChat chat;
    private final Map<UserId, RoomId> rooms = new LinkedHashMap<>();
    private final List<UserId> created = new ArrayList<>();
    private int failures;

    public FakeDirectRooms(FakeChat chat) {
        this.chat = chat;
    }

    @Override
    public synchronized RoomId directRoomWith(UserId person) {
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("fake: could not create a direct room");
        }
        return rooms.computeIfAbsent(person, p -> {
            RoomId room = new RoomId("!dm-" + created.size() + ":example.org");
            created.add(p);
            chat.member(room, chat.userId()).member(room, p).encrypted(room, true);
            return room;
        });
    }

    @Override
    public synchronized boolean isDirectRoomWith(RoomId room, UserId person) {
        return room.equals(rooms.get(person));
    }

    /** The next {@code count} calls fail. */
    public synchronized FakeDirectRooms failNext(int count) {
        failures = count;
        return this;
    }

    /** Who a room was created for, once per creation, in order. */
    public synchronized List<UserId> created() {
        return List.copyOf(created);
    }

    /** The room created for {@code person}, or null. */
    public synchronized RoomId roomOf(UserId person) {
        return rooms.get(person);
    }
}
