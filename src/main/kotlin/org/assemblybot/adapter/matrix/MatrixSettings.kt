package org.assemblybot.adapter.matrix

import java.nio.file.Path
import java.time.Duration

/**
 * How to reach and store one Matrix device.
 *
 * @param homeserver      base URL, e.g. http://127.0.0.1:8008
 * @param userId          full user id, e.g. @bot:localhost
 * @param password        used for the first login and for cross-signing UIA; never logged
 * @param deviceName      display name of the device created at first login
 * @param storeDir        directory for Trixnity's own store (H2 file) — separate from the bot's SQLite
 * @param decryptionWait  how long to wait for late room keys before an event counts as undecryptable
 */
class MatrixSettings(
    val homeserver: String,
    val userId: String,
    private val password: String?,
    val deviceName: String,
    val storeDir: Path,
    val decryptionWait: Duration,
) {
    internal fun password(): String? = password

    override fun toString(): String = "MatrixSettings(homeserver=$homeserver, userId=$userId, deviceName=$deviceName)"
}
