package org.assemblybot.bench

import de.connect2x.trixnity.client.CryptoDriverModule
import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.MediaStoreModule
import de.connect2x.trixnity.client.RepositoriesModule
import de.connect2x.trixnity.client.create
import de.connect2x.trixnity.client.cryptodriver.vodozemac.vodozemac
import de.connect2x.trixnity.client.media.inMemory
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.decrypt
import de.connect2x.trixnity.client.room.encrypt
import de.connect2x.trixnity.client.roomEventEncryptionServices
import de.connect2x.trixnity.client.store.repository.exposed.exposed
import de.connect2x.trixnity.clientserverapi.client.MatrixClientAuthProviderData
import de.connect2x.trixnity.clientserverapi.client.SyncState
import de.connect2x.trixnity.clientserverapi.client.classicLoginWithPassword
import de.connect2x.trixnity.clientserverapi.model.authentication.IdentifierType
import de.connect2x.trixnity.core.ClientEventEmitter
import de.connect2x.trixnity.core.model.UserId
import de.connect2x.trixnity.core.model.events.ClientEvent
import de.connect2x.trixnity.core.model.events.RoomEventContent
import de.connect2x.trixnity.core.model.events.m.room.EncryptedMessageEventContent
import de.connect2x.trixnity.core.model.events.m.Mentions
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent.TextBased
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.http.Url
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.h2.jdbcx.JdbcConnectionPool
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID
import kotlin.time.Duration.Companion.seconds
import org.jetbrains.exposed.sql.Database as ExposedDatabase

/**
 * The yardstick for the bot's `!ping`: a minimal Matrix client on the same library (Trixnity, vodozemac, the
 * same H2 store kept open through a pool, the same OkHttp engine) that joins every room it is invited to and
 * answers every text message `!echo` with a notice replying to it. It receives, decrypts and answers — and
 * nothing else: no database of its own, no commands, no outbox. Run in its own JVM by PingVsEchoBench.
 *
 *   EchoClient HOMESERVER_URL USER_ID PASSWORD STORE_DIR [sync|timeline]
 *
 * `sync` (the default, the stricter yardstick) hooks into the sync where the bot's adapter does and decrypts
 * each message itself; `timeline` uses Trixnity's `getTimelineEventsFromNowOn`, as a typical client would.
 *
 * Prints `echo ready` once its first sync is done.
 */
object EchoClient {
    @JvmStatic
    fun main(args: Array<String>): Unit = runBlocking {
        val (homeserver, userId, password, storeDir) = args
        val mode = args.getOrElse(4) { "sync" }
        Files.createDirectories(Path.of(storeDir))
        val engine = OkHttp.create()
        val auth = MatrixClientAuthProviderData.classicLoginWithPassword(
            baseUrl = Url(homeserver), identifier = IdentifierType.User(userId), password = password,
            initialDeviceDisplayName = "echo", httpClientEngine = engine,
        ).getOrThrow()
        val pool = JdbcConnectionPool.create("jdbc:h2:file:${Path.of(storeDir).toAbsolutePath()}/echo;TRACE_LEVEL_FILE=0", "", "")
        val client = MatrixClient.create(
            repositoriesModule = RepositoriesModule.exposed(ExposedDatabase.connect(pool)),
            mediaStoreModule = MediaStoreModule.inMemory(),
            cryptoDriverModule = CryptoDriverModule.vodozemac(),
            authProviderData = auth,
        ) {
            name = "echo"
            httpClientEngine = engine
        }.getOrThrow()
        val self: UserId = client.userId
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        // Invites: join at once.
        client.api.sync.subscribe { events ->
            events.syncResponse.room?.invite?.keys?.forEach { room -> scope.launch { client.api.room.joinRoom(room) } }
        }
        // Each `!echo` gets a notice in reply, encrypted for the room and sent straight away.
        suspend fun answer(event: ClientEvent.RoomEvent<*>, content: RoomEventContent?) {
            if (event.sender == self || (content as? TextBased.Text)?.body != "!echo") return
            val reply = TextBased.Notice("echo", relatesTo = RelatesTo.Reply(RelatesTo.ReplyTo(event.id)),
                mentions = Mentions())
            val payload = client.roomEventEncryptionServices.encrypt(reply, event.roomId)!!.getOrThrow()
            client.api.room.sendMessageEvent(event.roomId, payload, "echo-" + UUID.randomUUID()).getOrThrow()
        }
        if (mode == "timeline") {
            // Trixnity's own way to follow rooms: timeline events from now on, stored and decrypted by it.
            scope.launch {
                client.room.getTimelineEventsFromNowOn(decryptionTimeout = 30.seconds).collect { timelineEvent ->
                    scope.launch { answer(timelineEvent.event, timelineEvent.content?.getOrNull()) }
                }
            }
        } else {
            // The earliest hook (the bot's adapter uses the same one): right after Trixnity has processed the
            // sync's to-device events (room keys), each timeline message is decrypted and answered at once.
            client.api.sync.subscribe(ClientEventEmitter.Priority.TO_DEVICE_EVENTS - 1) { events ->
                events.syncResponse.room?.join?.values?.forEach { joined ->
                    joined.timeline?.events?.forEach { event ->
                        if (event is ClientEvent.RoomEvent.MessageEvent<*> && event.sender != self) scope.launch {
                            val content = event.content
                            answer(event, if (content is EncryptedMessageEventContent)
                                client.roomEventEncryptionServices.decrypt(event)?.getOrNull() else content)
                        }
                    }
                }
            }
        }
        client.startSync(presence = null)
        client.syncState.first { it == SyncState.RUNNING }
        println("echo ready as ${self.full} (device ${client.deviceId})")
        System.out.flush()
        // Runs until the benchmark ends the process.
        kotlinx.coroutines.awaitCancellation()
    }
}
