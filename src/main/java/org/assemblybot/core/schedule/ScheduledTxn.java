package org.assemblybot.core.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.assemblybot.core.chat.RoomId;

/**
 * Transaction ids for scheduled messages, derived from (item, occurrence, room, part): the same occurrence
 * always yields the same id, so a retry — also after a crash and restart — is one event (M1, T4).
 */
public final class ScheduledTxn {
    private ScheduledTxn() {
    }

    public static String of(String itemId, Instant occurrence, RoomId room, String part) {
        String key = itemId + "\n" + occurrence.toEpochMilli() + "\n" + room.value() + "\n" + part;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "ab-s-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
