package org.assemblybot.adapter.matrix

import java.util.concurrent.ConcurrentHashMap
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * What the sync has seen happen to rooms and devices, shared between receiving and sending: Trixnity's store
 * learns some of it later than our sync subscriber does, and a prepared message must know when to be
 * encrypted again.
 */
internal class RoomChanges {
    private val encrypted = ConcurrentHashMap.newKeySet<TRoomId>()

    /** Bumped when a room's members change; a prepared message for it must then be encrypted again. */
    private val membershipGeneration = ConcurrentHashMap<TRoomId, Long>()

    /** Bumped when any user's device list changes (new or removed devices). */
    @Volatile
    var deviceGeneration = 0L
        private set

    /** The room's encryption state or encrypted traffic was seen (or we created it encrypted). */
    fun markEncrypted(room: TRoomId) {
        encrypted += room
    }

    fun knownEncrypted(room: TRoomId): Boolean = room in encrypted

    fun membersChanged(room: TRoomId) {
        membershipGeneration.merge(room, 1L, Long::plus)
    }

    fun membershipGeneration(room: TRoomId): Long = membershipGeneration[room] ?: 0L

    /** Called from the sync subscriber only, so the increment needs no lock. */
    fun devicesChanged() {
        deviceGeneration++
    }
}
