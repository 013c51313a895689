package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.CryptoDriverModule
import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.MediaStoreModule
import de.connect2x.trixnity.client.RepositoriesModule
import de.connect2x.trixnity.client.create
import de.connect2x.trixnity.client.cryptodriver.vodozemac.vodozemac
import de.connect2x.trixnity.client.key
import de.connect2x.trixnity.client.media.inMemory
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.decrypt
import de.connect2x.trixnity.client.room.encrypt
import de.connect2x.trixnity.client.room.getState
import de.connect2x.trixnity.client.roomEventEncryptionServices
import de.connect2x.trixnity.client.store.repository.exposed.exposed
import de.connect2x.trixnity.client.user
import de.connect2x.trixnity.client.user.PowerLevel
import de.connect2x.trixnity.clientserverapi.client.MatrixClientAuthProviderData
import de.connect2x.trixnity.clientserverapi.client.SyncEvents
import de.connect2x.trixnity.clientserverapi.client.SyncState
import de.connect2x.trixnity.clientserverapi.client.UIA
import de.connect2x.trixnity.clientserverapi.client.classicLoginWithPassword
import de.connect2x.trixnity.clientserverapi.model.authentication.IdentifierType
import de.connect2x.trixnity.clientserverapi.model.room.CreateRoom
import de.connect2x.trixnity.clientserverapi.model.room.GetEvents
import de.connect2x.trixnity.clientserverapi.model.user.Filters
import de.connect2x.trixnity.clientserverapi.model.sync.Sync
import de.connect2x.trixnity.clientserverapi.model.uia.AuthenticationRequest
import de.connect2x.trixnity.core.ClientEventEmitter
import de.connect2x.trixnity.core.ErrorResponse
import de.connect2x.trixnity.core.MatrixServerException
import de.connect2x.trixnity.core.model.RoomAliasId
import de.connect2x.trixnity.core.serialization.events.EventContentSerializerMappings
import de.connect2x.trixnity.core.serialization.events.default
import de.connect2x.trixnity.core.model.events.ClientEvent
import de.connect2x.trixnity.core.model.events.InitialStateEvent
import de.connect2x.trixnity.core.model.events.MessageEventContent
import de.connect2x.trixnity.core.model.events.m.ReactionEventContent
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.CanonicalAliasEventContent
import de.connect2x.trixnity.core.model.events.m.room.EncryptedMessageEventContent
import de.connect2x.trixnity.core.model.events.m.room.EncryptionEventContent
import de.connect2x.trixnity.core.model.events.m.room.MemberEventContent
import de.connect2x.trixnity.core.model.events.m.room.Membership
import de.connect2x.trixnity.core.model.events.m.room.PowerLevelsEventContent
import de.connect2x.trixnity.crypto.key.DeviceTrustLevel
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.http.Url
import org.h2.jdbcx.JdbcConnectionPool
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.future.await
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import org.assemblybot.core.chat.ChatEvent
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatRefusedException
import org.assemblybot.core.chat.ChatUnauthorizedException
import org.assemblybot.core.chat.ChatListener
import org.assemblybot.core.chat.DirectRooms
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.MessageSender
import org.assemblybot.core.chat.OutgoingMessage
import org.assemblybot.core.chat.Polls
import org.assemblybot.core.chat.PunctualSender
import org.assemblybot.core.chat.ServerClock
import org.assemblybot.core.chat.RoomDirectory
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.SelfIdentity
import org.assemblybot.core.chat.UserId
import org.slf4j.LoggerFactory
import java.net.ConnectException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId
import de.connect2x.trixnity.core.model.UserId as TUserId
import org.jetbrains.exposed.sql.Database as ExposedDatabase

/**
 * The one place that talks to Trixnity. It implements our plain-Java chat ports with blocking calls and
 * delivers inbound events to a [ChatListener] on its own single delivery thread, in timeline order per room.
 *
 * Receiving: a sync subscriber that runs right after Trixnity has stored state and processed to-device
 * events (room keys), decrypts each timeline event itself and hands it on. It waits a short, bounded time
 * for the handlers so that replies are sent before the next sync competes for the CPU; events whose keys
 * arrive later are delivered when their decryption completes (or counted as undecryptable after
 * [MatrixSettings.decryptionWait]). Invites are handled later in the same sync, once this device's one-time keys
 * are published.
 *
 * Sending: content is encrypted for the room and PUT with the caller's transaction id, retried with the
 * same id (M1), waiting out rate limits (M2). Trixnity's outbox is not used: it would choose its own ids.
 */
class TrixnityChat private constructor(
    private val settings: MatrixSettings,
    private val client: MatrixClient,
    private val engine: io.ktor.client.engine.HttpClientEngine,
    private val pool: JdbcConnectionPool,
) : MessageSender, PunctualSender, Polls, DirectRooms, RoomDirectory, SelfIdentity, ServerClock, AutoCloseable {

    private val self = client.userId
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    private val delivery: ExecutorService = Executors.newSingleThreadExecutor { r ->
        Thread(r, "matrix-delivery").apply { isDaemon = true }
    }
    private val roomChains = HashMap<TRoomId, Job>()
    private val seenEncrypted = ConcurrentHashMap.newKeySet<TRoomId>()

    /** Bumped when a room's members change; a prepared message for it must then be encrypted again. */
    private val membershipGeneration = ConcurrentHashMap<TRoomId, Long>()

    /** Bumped when any user's device list changes (new or removed devices). */
    @Volatile
    private var deviceGeneration = 0L

    /** When each of our own recent sends left and was accepted, to compare with the server's stamp. */
    private val sendWindows = java.util.Collections.synchronizedMap(object : LinkedHashMap<String, LongArray>() {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, LongArray>?) = size > 64
    })

    @Volatile
    private var latestSkew: ServerClock.Skew? = null
    private var unsubscribe: (() -> Unit)? = null

    @Volatile
    private var listener: ChatListener? = null

    /** The end of the previous sync this process handled: where a gap in a limited timeline begins. */
    @Volatile
    private var lastBatch: String? = null

    /** When the current sync response was handed to subscribers; for timing logs only. */
    @Volatile
    private var syncEmittedAt = 0L

    companion object {
        private val log = LoggerFactory.getLogger(TrixnityChat::class.java)
        private const val STORE_FILE = "trixnity"

        private const val TIMELINE_LIMIT = 50L
        private const val GAP_PAGE = 100L
        private const val GAP_MAX_EVENTS = 1000

        /** How long the sync subscriber lets the bot's handlers run before the next sync may start. */
        private val FAST_PATH_WAIT = 300.milliseconds

        /**
         * Opens the device: restores the stored session, or logs in with the password on the first start
         * (creating a new device). Blocks until the client is ready; does not start syncing.
         */
        @JvmStatic
        fun connect(settings: MatrixSettings): TrixnityChat {
            LognityToSlf4j.install()
            return runBlocking { open(settings) }
        }

        private suspend fun open(settings: MatrixSettings): TrixnityChat {
            createPrivateDirectory(settings.storeDir)
            val storeExists = Files.exists(settings.storeDir.resolve("$STORE_FILE.mv.db"))
            val engine = OkHttp.create {
                // OkHttp allows 5 requests per host by default; a GO to many rooms sends them all at once.
                config {
                    dispatcher(okhttp3.Dispatcher().apply { maxRequests = 64; maxRequestsPerHost = 32 })
                    connectionPool(okhttp3.ConnectionPool(32, 5, TimeUnit.MINUTES))
                }
            }
            val baseUrl = Url(settings.homeserver)
            val login = if (storeExists) null else try {
                login(settings, baseUrl, engine)
            } catch (e: ChatException) {
                engine.close()
                throw e
            }
            // A pool keeps the H2 file open: without it Exposed opens a connection per transaction, and H2
            // closes and reopens the whole database each time the last connection goes (tens of ms per call).
            // No H2 trace file: it would write failing SQL, with its data, next to the store.
            val pool = JdbcConnectionPool.create(
                "jdbc:h2:file:${settings.storeDir.toAbsolutePath().resolve(STORE_FILE)};TRACE_LEVEL_FILE=0", "", "")
            pool.maxConnections = 8
            val database = ExposedDatabase.connect(pool)
            val client = try {
                MatrixClient.create(
                    repositoriesModule = RepositoriesModule.exposed(database),
                    mediaStoreModule = MediaStoreModule.inMemory(),
                    cryptoDriverModule = CryptoDriverModule.vodozemac(),
                    authProviderData = login,
                ) {
                    name = "assembly-bot"
                    httpClientEngine = engine
                    // E6: never keep decrypted message text at rest.
                    storeTimelineEventContentUnencrypted = false
                    // Bursts (a vote, a crowd of RSVPs) must not be cut by the server's default of 10 events a
                    // room per sync; longer gaps are fetched (see fillGap).
                    syncFilter = Filters(room = Filters.RoomFilter(
                        timeline = Filters.RoomFilter.RoomEventFilter(limit = TIMELINE_LIMIT)))
                    // MSC3381 polls, which Trixnity does not model, on top of its own event types.
                    modulesFactories = modulesFactories + {
                        org.koin.dsl.module {
                            single<EventContentSerializerMappings> {
                                EventContentSerializerMappings.default + PollContents.mappings
                            }
                        }
                    }
                }.getOrThrow()
            } catch (e: Exception) {
                engine.close()
                pool.dispose()
                throw describe(e, settings)
            }
            restrictFiles(settings.storeDir)
            if (client.userId.full != settings.userId) {
                client.closeSuspending()
                engine.close()
                pool.dispose()
                throw ChatException("the store in ${settings.storeDir} belongs to ${client.userId.full}, " +
                        "not ${settings.userId}; use another data directory")
            }
            log.info("Matrix device ready: user {} device {} ({})", client.userId.full, client.deviceId,
                if (login != null) "new login" else "restored session")
            return TrixnityChat(settings, client, engine, pool)
        }

        private suspend fun login(settings: MatrixSettings, baseUrl: Url, engine: io.ktor.client.engine.HttpClientEngine):
                MatrixClientAuthProviderData {
            val password = settings.password()
                ?: throw ChatException("no stored session in ${settings.storeDir} and no password to log in with")
            return try {
                MatrixClientAuthProviderData.classicLoginWithPassword(
                    baseUrl = baseUrl,
                    identifier = IdentifierType.User(settings.userId),
                    password = password,
                    initialDeviceDisplayName = settings.deviceName,
                    httpClientEngine = engine,
                ).getOrThrow()
            } catch (e: Exception) {
                throw describe(e, settings)
            }
        }

        /** A clear, secret-free message for the usual first-start failures. */
        private fun describe(e: Throwable, settings: MatrixSettings): ChatException {
            var cause: Throwable? = e
            while (cause != null) {
                if (cause is MatrixServerException) {
                    return if (cause.statusCode.value == 403)
                        ChatException("the homeserver refused the login for ${settings.userId}: wrong user id or password", null)
                    else ChatException("the homeserver answered ${cause.statusCode.value} " +
                            "(${cause.errorResponse::class.simpleName}) while logging in", null)
                }
                if (cause is ConnectException || cause is java.nio.channels.UnresolvedAddressException ||
                    cause is java.net.UnknownHostException) {
                    return ChatException("cannot reach the homeserver at ${settings.homeserver} (${cause.javaClass.simpleName})", null)
                }
                cause = cause.cause
            }
            return ChatException("could not open the Matrix device: ${e.javaClass.simpleName}", e)
        }

        private fun createPrivateDirectory(dir: Path) {
            Files.createDirectories(dir)
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"))
        }

        /** The store holds the access token and the encryption keys: owner-only (S3). */
        private fun restrictFiles(dir: Path) {
            Files.list(dir).use { files ->
                files.filter { Files.isRegularFile(it) }.forEach {
                    Files.setPosixFilePermissions(it, PosixFilePermissions.fromString("rw-------"))
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle

    /**
     * Subscribes [listener], starts syncing and blocks until the first sync has been processed.
     * Events of the device's very first sync are delivered with `initialSync = true` (M4).
     */
    fun start(listener: ChatListener) {
        this.listener = listener
        val first = client.api.sync.subscribe(ClientEventEmitter.Priority.FIRST) { syncEmittedAt = System.currentTimeMillis() }
        val main = client.api.sync.subscribe(ClientEventEmitter.Priority.TO_DEVICE_EVENTS - 1) { onSync(it) }
        // Invites wait until Trixnity has published this device's one-time keys (it does so at ONE_TIME_KEYS, which
        // runs first, also in a new device's first sync): whoever sees the bot join must be able to open an Olm
        // session with it at once, or their client leaves the bot out of the room key for that message.
        val invites = client.api.sync.subscribe(ClientEventEmitter.Priority.ONE_TIME_KEYS - 1) { onInvites(it) }
        unsubscribe = { first(); main(); invites() }
        scope.launch { watchSyncState() }
        scope.launch { watchLoginState() }
        runBlocking {
            client.startSync(presence = null)
            withTimeout(120.seconds) { client.syncState.first { it == SyncState.RUNNING } }
        }
        restrictFiles(settings.storeDir)
        // Member lists are loaded ahead, so that commands find them in the store (see joinedMembers).
        scope.launch { loadMembersOf(joinedRoomIds()) }
    }

    @Volatile
    private var unauthorized: () -> Unit = {}

    /** [action] runs when the homeserver rejects the bot's access token (401): nothing will get through. */
    fun onUnauthorized(action: Runnable) {
        unauthorized = { action.run() }
    }

    /**
     * Logs when the sync loop starts failing and when it works again; Trixnity itself reconnects with backoff.
     * A failing sync may mean the token was revoked: then retrying forever would only hide it.
     */
    private suspend fun watchSyncState() {
        var failing = false
        client.syncState.collect { state ->
            when (state) {
                SyncState.ERROR, SyncState.TIMEOUT -> if (!failing) {
                    failing = true
                    log.warn("sync with the homeserver failed ({}); retrying with backoff", state)
                    if (tokenRejected()) {
                        log.error("the homeserver rejects the bot's access token (401)")
                        unauthorized()
                    }
                }

                SyncState.RUNNING -> if (failing) {
                    failing = false
                    log.info("sync with the homeserver recovered")
                }

                else -> Unit
            }
        }
    }

    /** Trixnity marks the session logged out when the homeserver rejects the token (M_UNKNOWN_TOKEN). */
    private suspend fun watchLoginState() {
        client.loginState.first {
            it == MatrixClient.LoginState.LOGGED_OUT || it == MatrixClient.LoginState.LOGGED_OUT_SOFT
        }
        log.error("the homeserver logged the bot's session out (its access token was revoked)")
        unauthorized()
    }

    private suspend fun tokenRejected(): Boolean =
        client.api.authentication.whoAmI().exceptionOrNull()
            .let { it is MatrixServerException && it.statusCode.value == 401 }

    /**
     * Makes sure the bot's own device is signed by its own identity (E3). On the first run this creates the
     * cross-signing keys and writes the recovery key to [recoveryKeyFile] (0600). Returns true if the device
     * is cross-signed afterwards. Works before [start] (no sync needed), and the bot calls it there: a device
     * that joins rooms before it is signed gets no room keys from clients that exclude insecure devices.
     */
    fun ensureCrossSigned(recoveryKeyFile: Path): Boolean = runBlocking {
        // The recovery key file marks a finished setup; without it, set up now (no need to wait for a check
        // that would only time out on a new account).
        if (Files.exists(recoveryKeyFile)) {
            if (isCrossSigned(15.seconds)) return@runBlocking true
            log.warn("this device is not cross-signed although a recovery key exists in {}; " +
                    "verify the device from another session of {}", recoveryKeyFile, self.full)
            return@runBlocking false
        }
        val bootstrap = client.key.bootstrapCrossSigning()
        var result = bootstrap.result.getOrElse { throw ChatException("cross-signing setup failed: ${it.javaClass.simpleName}", it) }
        if (result is UIA.Step) {
            val password = settings.password()
                ?: throw ChatException("cross-signing setup needs the account password, which is not configured")
            result = result.authenticate(AuthenticationRequest.Password(IdentifierType.User(self.full), password))
                .getOrElse { throw ChatException("cross-signing setup failed: ${it.javaClass.simpleName}", it) }
        }
        if (result !is UIA.Success) throw ChatException("cross-signing setup was refused by the homeserver")
        writePrivateFile(recoveryKeyFile, bootstrap.recoveryKey + "\n")
        log.info("Cross-signing set up for {}; the recovery key is in {} — keep it safe, it is shown nowhere else",
            self.full, recoveryKeyFile)
        isCrossSigned(30.seconds)
    }

    private suspend fun isCrossSigned(wait: kotlin.time.Duration): Boolean =
        withTimeoutOrNull(wait) {
            client.key.getTrustLevel(self, client.deviceId).first { it is DeviceTrustLevel.CrossSigned }
        } != null

    private fun writePrivateFile(file: Path, text: String) {
        Files.createDirectories(file.parent)
        val tmp = file.resolveSibling(file.fileName.toString() + ".tmp")
        Files.deleteIfExists(tmp)
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        Files.writeString(tmp, text)
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE)
    }

    /** Stops syncing, lets deliveries finish and closes the client, each step bounded in time (T5). */
    override fun close() {
        unsubscribe?.invoke()
        runBlocking {
            withTimeoutOrNull(10.seconds) { client.stopSync() }
            withTimeoutOrNull(10.seconds) { client.closeSuspending() }
                ?: log.warn("closing the Matrix client timed out")
        }
        scope.cancel()
        delivery.shutdown()
        if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) log.warn("event delivery did not finish in time")
        engine.close()
        pool.dispose()
        restrictFiles(settings.storeDir)
    }

    // ---------------------------------------------------------------------------------------------
    // Receiving

    private suspend fun onSync(events: SyncEvents) {
        val initial = client.syncState.value == SyncState.INITIAL_SYNC
        if (!events.syncResponse.deviceLists?.changed.isNullOrEmpty()) deviceGeneration++
        val rooms = events.syncResponse.room ?: return
        val jobs = ArrayList<Job>()
        rooms.join?.forEach { (roomId, joined) ->
            // The bot's own join may sit only in the state (first start in a room joined earlier).
            joined.stateAfter?.events?.forEach { state ->
                if (state.stateKey == self.full) membership(roomId, state, initial, jobs)
            }
            val timeline = joined.timeline.let { tl ->
                // A limited timeline skipped events between the previous sync and this one: fetch them, so
                // that nothing in a burst is lost (commands, votes, RSVPs).
                val gap = if (tl?.limited == true && !initial) fillGap(roomId, tl.previousBatch) else emptyList()
                gap + tl?.events.orEmpty()
            }
            // History from before the bot's own join arrives together with it: none of it may run (M4),
            // and it was never meant to be readable by the bot, so it is not even decrypted.
            val ownJoin = timeline.indexOfLast { isOwnJoin(it) }
            if (ownJoin >= 0 && !initial) scope.launch { loadMembersOf(listOf(roomId)) }
            timeline.forEachIndexed { index, event ->
                if (index >= ownJoin || event is ClientEvent.RoomEvent.StateEvent<*>) {
                    timelineEvent(roomId, event, initial, jobs)
                }
            }
        }
        rooms.leave?.forEach { (roomId, left) ->
            left.timeline?.events?.forEach { event -> timelineEvent(roomId, event, initial, jobs) }
            left.stateAfter?.events?.forEach { state ->
                if (state.stateKey == self.full) membership(roomId, state, initial, jobs)
            }
        }
        lastBatch = events.syncResponse.nextBatch
        if (jobs.isNotEmpty()) withTimeoutOrNull(FAST_PATH_WAIT) { jobs.joinAll() }
    }

    private suspend fun onInvites(events: SyncEvents) {
        val jobs = events.syncResponse.room?.invite.orEmpty().mapNotNull { (roomId, invited) ->
            inviterOf(invited)?.let { inviter ->
                inOrder(roomId) { { it.onInvite(InboundMapping.room(roomId), InboundMapping.user(inviter)) } }
            }
        }
        if (jobs.isNotEmpty()) withTimeoutOrNull(FAST_PATH_WAIT) { jobs.joinAll() }
    }

    /**
     * The events a limited timeline left out, oldest first: paged backwards from the timeline's start to the
     * end of the previous sync. After a restart the previous sync is unknown; then at most
     * [GAP_MAX_EVENTS] are fetched, and the filter's age limit decides what may still run.
     */
    private suspend fun fillGap(roomId: TRoomId, from: String?): List<ClientEvent.RoomEvent<*>> {
        if (from == null) return emptyList()
        val until = lastBatch
        val fetched = ArrayList<ClientEvent.RoomEvent<*>>()
        var next: String? = from
        while (next != null && fetched.size < GAP_MAX_EVENTS) {
            val page = client.api.room.getEvents(roomId, next, GetEvents.Direction.BACKWARDS, until, GAP_PAGE)
                .getOrElse {
                    log.warn("could not fetch the events a limited sync left out in {}: {}", roomId.full, it.javaClass.simpleName)
                    break
                }
            val chunk = page.chunk.orEmpty()
            if (chunk.isEmpty() || page.end == null || page.end == next) {
                fetched += chunk
                break
            }
            fetched += chunk
            next = page.end
        }
        log.info("fetched {} events a limited sync left out in {}", fetched.size, roomId.full)
        return fetched.asReversed()
    }

    /** The bot's own join — not a profile change, which is a join following a join. */
    private fun isOwnJoin(event: ClientEvent.RoomEvent<*>): Boolean =
        event is ClientEvent.RoomEvent.StateEvent<*> && event.stateKey == self.full &&
                (event.content as? MemberEventContent)?.membership == Membership.JOIN &&
                (event.unsigned?.previousContent as? MemberEventContent)?.membership != Membership.JOIN

    private fun inviterOf(invited: Sync.Response.Rooms.InvitedRoom): TUserId? =
        invited.strippedState?.events?.firstOrNull { event ->
            event.stateKey == self.full &&
                    (event.content as? MemberEventContent)?.membership == Membership.INVITE
        }?.sender

    private fun timelineEvent(roomId: TRoomId, event: ClientEvent.RoomEvent<*>, initial: Boolean, jobs: MutableList<Job>) {
        when (event) {
            is ClientEvent.RoomEvent.StateEvent<*> -> {
                if (event.content is EncryptionEventContent) seenEncrypted += roomId
                if (event.content is MemberEventContent) membershipGeneration.merge(roomId, 1L, Long::plus)
                membership(roomId, event, initial, jobs)
            }

            is ClientEvent.RoomEvent.MessageEvent<*> -> {
                if (event.content is EncryptedMessageEventContent) seenEncrypted += roomId
                if (event.sender == self) measureSkew(event)
                // The backlog of a first sync never runs commands (M4): don't even decrypt it.
                if (initial || event.sender == self) return
                val reached = System.currentTimeMillis()
                val emitted = syncEmittedAt
                jobs += inOrder(roomId) {
                    val chatEvent = decrypt(event) ?: return@inOrder null
                    val decrypted = System.currentTimeMillis()
                    return@inOrder {
                        it.onEvent(chatEvent, false)
                        if (log.isDebugEnabled) {
                            // Where the time goes, from the homeserver's stamp (same host clock in tests).
                            log.debug("event {}: sync emitted {} ms after its stamp, subscriber reached {} ms later, " +
                                    "decrypted in {} ms, handled after {} ms more", event.id.full,
                                emitted - event.originTimestamp, reached - emitted, decrypted - reached,
                                System.currentTimeMillis() - decrypted)
                        }
                    }
                }
            }
        }
    }

    private fun membership(roomId: TRoomId, event: ClientEvent.StateBaseEvent<*>, initial: Boolean, jobs: MutableList<Job>) {
        val state = event as? ClientEvent.RoomEvent.StateEvent<*> ?: return
        val membership = InboundMapping.membership(state) ?: return
        jobs += inOrder(roomId) { { it.onEvent(membership, initial) } }
    }

    /**
     * Runs [prepare] (e.g. decryption) right away, concurrently with earlier events, but hands the result to
     * the listener only after every earlier event of the same room: order within a room is kept.
     */
    private fun inOrder(roomId: TRoomId, prepare: suspend () -> ((ChatListener) -> Unit)?): Job {
        val previous = roomChains[roomId]
        val job = scope.launch {
            val action = prepare()
            previous?.join()
            if (action != null) deliver(action)
        }
        roomChains[roomId] = job
        return job
    }

    private suspend fun deliver(action: (ChatListener) -> Unit) {
        val target = listener ?: return
        try {
            CompletableFuture.runAsync({ action(target) }, delivery).await()
        } catch (e: Exception) {
            // The listener reports its own errors; this is a last line of defence, without event contents.
            log.error("event handler failed: {}", e.javaClass.name, e)
        }
    }

    private suspend fun decrypt(event: ClientEvent.RoomEvent.MessageEvent<*>): ChatEvent? {
        val content = event.content
        if (content !is EncryptedMessageEventContent) return InboundMapping.message(event, content, false)
        val decrypted = withTimeoutOrNull(settings.decryptionWait.toKotlinDuration()) {
            client.roomEventEncryptionServices.decrypt(event)
        }?.getOrNull()
        if (decrypted == null) {
            log.info("could not decrypt event {} in {} from {} within {}", event.id.full, event.roomId.full,
                event.sender.full, settings.decryptionWait)
            return ChatEvent.Undecryptable(InboundMapping.room(event.roomId), InboundMapping.event(event.id),
                InboundMapping.user(event.sender), java.time.Instant.ofEpochMilli(event.originTimestamp))
        }
        return InboundMapping.message(event, decrypted, true, content.relatesTo)
    }

    // ---------------------------------------------------------------------------------------------
    // Sending (MessageSender)

    override fun send(room: RoomId, txnId: String, message: OutgoingMessage): EventId =
        blocking { sendContent(TRoomId(room.value()), OutboundContent.message(message), txnId) }

    override fun edit(room: RoomId, txnId: String, target: EventId, replacement: OutgoingMessage): EventId =
        blocking { sendContent(TRoomId(room.value()), OutboundContent.edit(TEventId(target.value()), replacement), txnId) }

    override fun react(room: RoomId, txnId: String, target: EventId, key: String): EventId =
        blocking {
            // Reactions stay unencrypted, as every client sends them: relations must be readable by the server.
            val content = ReactionEventContent(RelatesTo.Annotation(TEventId(target.value()), key))
            retrying { client.api.room.sendMessageEvent(TRoomId(room.value()), content, txnId).getOrThrow() }
        }

    override fun redact(room: RoomId, txnId: String, target: EventId, reason: String?): EventId =
        blocking {
            retrying {
                client.api.room.redactEvent(TRoomId(room.value()), TEventId(target.value()), reason, txnId).getOrThrow()
            }
        }

    private suspend fun sendContent(room: TRoomId, content: MessageEventContent, txnId: String): EventId {
        val start = System.nanoTime()
        val payload = encryptFor(room, content)
        val encrypted = System.nanoTime()
        val id = timedSend(txnId) { client.api.room.sendMessageEvent(room, payload, txnId).getOrThrow() }
        log.debug("{}: encrypted in {} ms, sent in {} ms", txnId, (encrypted - start) / 1_000_000,
            (System.nanoTime() - encrypted) / 1_000_000)
        return id
    }

    /** Encrypts for encrypted rooms; refuses to send in clear to a room we have seen encrypted traffic in. */
    private suspend fun encryptFor(room: TRoomId, content: MessageEventContent): MessageEventContent {
        if (room in seenEncrypted) {
            withTimeoutOrNull(10.seconds) { client.room.getById(room).filterNotNull().first { it.encrypted } }
                ?: throw ChatException("room $room is encrypted but its encryption state is not known yet")
        }
        val result = client.roomEventEncryptionServices.encrypt(content, room)
            ?: throw ChatException("no encryption service accepts room $room")
        return result.getOrElse { throw ChatException("could not encrypt for room $room: ${it.javaClass.simpleName}", it) }
    }

    /**
     * Retries a homeserver call: rate limits are waited out as the server asks (M2); network errors and
     * server errors back off exponentially; other client errors fail at once. The caller's transaction id
     * stays the same on every attempt, so a retry never duplicates an event (M1).
     */
    private suspend fun retrying(call: suspend () -> TEventId): EventId {
        var backoffMs = 250L
        var attempt = 0
        while (true) {
            attempt++
            try {
                return InboundMapping.event(call())
            } catch (e: MatrixServerException) {
                val status = e.statusCode.value
                when {
                    status == 429 -> {
                        val wait = (e.errorResponse as? ErrorResponse.LimitExceeded)?.let {
                            @Suppress("DEPRECATION") it.retryAfterMillis
                        } ?: e.retryAfter ?: 1000L
                        log.warn("rate limited by the homeserver; waiting {} ms", wait)
                        if (attempt > 50) throw ChatException("still rate limited after $attempt attempts", e)
                        delay(wait)
                        continue
                    }

                    status == 401 -> throw ChatUnauthorizedException(
                        "the homeserver no longer accepts the bot's access token (401)", e)

                    status in 400..499 -> throw ChatRefusedException(
                        "the homeserver refused the request: $status ${e.errorResponse::class.simpleName}", e)
                }
                if (attempt >= 8) throw ChatException("the homeserver kept failing ($status)", e)
            } catch (e: ChatException) {
                throw e
            } catch (e: kotlinx.coroutines.CancellationException) {
                throw e
            } catch (e: Exception) {
                if (attempt >= 8) throw ChatException("could not reach the homeserver: ${e.javaClass.simpleName}", e)
            }
            delay(backoffMs)
            backoffMs = (backoffMs * 2).coerceAtMost(8_000)
        }
    }

    private fun <T> blocking(block: suspend () -> T): T = runBlocking { block() }

    /** Sends with retries and remembers when the request left and returned, for the clock check. */
    private suspend fun timedSend(txnId: String, call: suspend () -> TEventId): EventId {
        val left = System.currentTimeMillis()
        val id = retrying(call)
        sendWindows[txnId] = longArrayOf(left, System.currentTimeMillis())
        return id
    }

    /**
     * Our own event came back with the homeserver's stamp: the stamp was taken between the moment the
     * request left and the moment its answer arrived, which bounds the clock difference.
     */
    private fun measureSkew(event: ClientEvent.RoomEvent.MessageEvent<*>) {
        val txnId = event.unsigned?.transactionId ?: return
        val window = sendWindows.remove(txnId) ?: return
        val midpoint = (window[0] + window[1]) / 2
        latestSkew = ServerClock.Skew(
            java.time.Duration.ofMillis(event.originTimestamp - midpoint),
            java.time.Duration.ofMillis((window[1] - window[0]) / 2 + 1),
        )
    }

    override fun skew(): java.util.Optional<ServerClock.Skew> = java.util.Optional.ofNullable(latestSkew)

    // ---------------------------------------------------------------------------------------------
    // Direct rooms (DirectRooms)

    private val directRooms = ConcurrentHashMap<UserId, RoomId>()

    /**
     * An existing direct room with the person (the bot and them joined or invited, marked direct), else a new
     * encrypted one. Remembered in memory; after a restart the room list is searched again.
     */
    override fun directRoomWith(person: UserId): RoomId = directRooms.computeIfAbsent(person) {
        blocking {
            existingDirectRoom(person) ?: run {
                val roomId = client.api.room.createRoom(
                    invite = setOf(TUserId(person.value())),
                    isDirect = true,
                    initialState = listOf(InitialStateEvent(EncryptionEventContent(), "")),
                    preset = CreateRoom.Request.Preset.TRUSTED_PRIVATE,
                ).getOrElse { throw ChatException("could not open a direct room: ${it.javaClass.simpleName}", it) }
                seenEncrypted += roomId
                RoomId(roomId.full)
            }
        }
    }

    /** From the local store only: never opens a room, never asks the homeserver. */
    override fun isDirectRoomWith(room: RoomId, person: UserId): Boolean =
        directRooms[person] == room || blocking { existingDirectRoom(person) } == room

    /** A joined room marked direct where the person is joined or invited, from the local store. */
    private suspend fun existingDirectRoom(person: UserId): RoomId? {
        val target = TUserId(person.value())
        return client.room.getAll().first().values.mapNotNull { it.first() }
            .filter { it.isDirect && it.membership == Membership.JOIN }
            .firstOrNull { room ->
                client.user.getById(room.roomId, target).first()?.event?.content?.membership
                    .let { it == Membership.JOIN || it == Membership.INVITE }
            }
            ?.let { RoomId(it.roomId.full) }
    }

    // ---------------------------------------------------------------------------------------------
    // Native polls (Polls)

    override fun startPoll(room: RoomId, txnId: String, poll: Polls.PollStart): EventId =
        blocking { sendContent(TRoomId(room.value()), PollContents.start(poll), txnId) }

    override fun endPoll(room: RoomId, txnId: String, poll: EventId, results: String): EventId =
        blocking { sendContent(TRoomId(room.value()), PollContents.end(TEventId(poll.value()), results), txnId) }

    /** What a person's client sends when someone picks answers in a poll (tests and benchmarks). */
    fun respondToPoll(room: RoomId, txnId: String, poll: EventId, answerIds: List<String>): EventId =
        blocking { sendContent(TRoomId(room.value()), PollContents.response(TEventId(poll.value()), answerIds), txnId) }

    // ---------------------------------------------------------------------------------------------
    // Sending at one instant (PunctualSender)

    private inner class PreparedEvent(
        val roomId: TRoomId,
        val txn: String,
        val content: MessageEventContent,
        @Volatile var payload: MessageEventContent,
        @Volatile var membersAt: Long,
        @Volatile var devicesAt: Long,
    ) : PunctualSender.Prepared {
        override fun room(): RoomId = RoomId(roomId.full)
        override fun txnId(): String = txn
    }

    override fun prepare(room: RoomId, txnId: String, message: OutgoingMessage): PunctualSender.Prepared = blocking {
        val roomId = TRoomId(room.value())
        val content = OutboundContent.message(message)
        val members = membershipGeneration[roomId] ?: 0L
        val devices = deviceGeneration
        PreparedEvent(roomId, txnId, content, encryptFor(roomId, content), members, devices)
    }

    override fun sendAll(prepared: List<PunctualSender.Prepared>, at: java.time.Instant): Map<RoomId, PunctualSender.Result> = blocking {
        val events = prepared.map { it as PreparedEvent }
        events.forEach { refreshIfStale(it) } // before the instant: re-encrypting must not delay the sends
        val wait = at.toEpochMilli() - System.currentTimeMillis()
        if (wait > 0) delay(wait)
        val results = events.map { event ->
            scope.async {
                try {
                    refreshIfStale(event)
                    PunctualSender.Result(timedSend(event.txn) {
                        client.api.room.sendMessageEvent(event.roomId, event.payload, event.txn).getOrThrow()
                    }, null)
                } catch (e: ChatException) {
                    PunctualSender.Result(null, e)
                } catch (e: Exception) {
                    PunctualSender.Result(null, ChatException("sending failed: ${e.javaClass.simpleName}", e))
                }
            }
        }.awaitAll()
        events.map { it.room() }.zip(results).toMap()
    }

    override fun warmUp(connections: Int) {
        blocking {
            // Requests in flight at the same time each need their own connection; idle ones stay pooled.
            (1..connections.coerceIn(1, 32)).map { scope.async { client.api.server.getVersions() } }.awaitAll()
        }
    }

    /** Someone joined, left or got a new device since the message was encrypted: encrypt it again. */
    private suspend fun refreshIfStale(event: PreparedEvent) {
        val members = membershipGeneration[event.roomId] ?: 0L
        val devices = deviceGeneration
        if (members != event.membersAt || devices != event.devicesAt) {
            event.payload = encryptFor(event.roomId, event.content)
            event.membersAt = members
            event.devicesAt = devices
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Rooms (RoomDirectory)

    override fun powerLevel(room: RoomId, user: UserId): Long = blocking {
        when (val level = client.user.getPowerLevel(TRoomId(room.value()), TUserId(user.value())).first()) {
            is PowerLevel.Creator -> RoomDirectory.CREATOR
            is PowerLevel.User -> level.level
        }
    }

    /** Encrypted once we have seen its encryption state or encrypted traffic, even before the store knows. */
    override fun isEncrypted(room: RoomId): Boolean = TRoomId(room.value()).let { roomId ->
        roomId in seenEncrypted || blocking { client.room.getById(roomId).first()?.encrypted ?: false }
    }

    /**
     * From the local store: member lists are loaded ahead ([loadMembersOf]), because commands ask inside
     * their database transaction. Only a room joined a moment ago may still wait for its /members here.
     */
    override fun joinedMembers(room: RoomId): Set<UserId> = blocking {
        val roomId = TRoomId(room.value())
        if (client.room.getById(roomId).first()?.membersLoaded != true) {
            log.debug("members of {} not loaded yet; loading them now", roomId.full)
            client.user.loadMembers(roomId, wait = true)
        }
        client.user.getAll(roomId).first().values.mapNotNull { it.first() }
            .filter { it.event.content.membership == Membership.JOIN }
            .map { UserId(it.userId.full) }
            .toSet()
    }

    override fun joinedRooms(): Set<RoomId> = blocking { joinedRoomIds().map { RoomId(it.full) }.toSet() }

    private suspend fun joinedRoomIds(): List<TRoomId> =
        client.room.getAll().first().values.mapNotNull { it.first() }
            .filter { it.membership == Membership.JOIN }
            .map { it.roomId }

    /**
     * From the bot's own state only, never the homeserver's room directory: commands ask inside their database
     * transaction. An alias names a room the bot is in (its canonical alias or one of the alternatives); the
     * bot has to be in a partner room anyway.
     */
    override fun resolve(idOrAlias: String): java.util.Optional<RoomId> = blocking {
        val text = idOrAlias.trim()
        when {
            text.startsWith("!") && text.contains(':') -> java.util.Optional.of(RoomId(text))
            text.startsWith("#") && text.contains(':') -> {
                val alias = RoomAliasId(text)
                val named = joinedRoomIds().firstOrNull { roomId ->
                    val aliases = client.room.getState<CanonicalAliasEventContent>(roomId).first()?.content
                    aliases != null && (aliases.alias == alias || aliases.aliases.orEmpty().contains(alias))
                }
                java.util.Optional.ofNullable(named?.let { RoomId(it.full) })
            }

            else -> java.util.Optional.empty()
        }
    }

    /**
     * Loads the member lists of [rooms], one room after the other, so that [joinedMembers] answers from the
     * store. Runs in the background: after the first sync for every joined room, later for each room joined.
     */
    private suspend fun loadMembersOf(rooms: List<TRoomId>) {
        for (roomId in rooms) {
            try {
                client.user.loadMembers(roomId, wait = true)
            } catch (e: kotlinx.coroutines.CancellationException) {
                throw e
            } catch (e: Exception) {
                log.warn("could not load the members of {}: {}", roomId.full, e.javaClass.simpleName)
            }
        }
    }

    override fun join(room: RoomId) {
        blocking {
            client.api.room.joinRoom(TRoomId(room.value())).getOrElse {
                throw ChatException("could not join $room: ${it.javaClass.simpleName}", it)
            }
        }
    }

    override fun leave(room: RoomId) {
        blocking {
            client.api.room.leaveRoom(TRoomId(room.value())).getOrElse {
                throw ChatException("could not leave $room: ${it.javaClass.simpleName}", it)
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Identity (SelfIdentity)

    override fun userId(): UserId = UserId(self.full)

    override fun deviceId(): String = client.deviceId

    /** The current trust level from the local store, without waiting for a change (commands run in a transaction). */
    override fun deviceCrossSigned(): Boolean = blocking {
        withTimeoutOrNull(1.seconds) { client.key.getTrustLevel(self, client.deviceId).first() } is DeviceTrustLevel.CrossSigned
    }

    // ---------------------------------------------------------------------------------------------
    // What a person's client does; used by the integration tests and benchmarks acting as a person.

    /** Creates a private room, encrypted if asked, inviting [invite]. */
    fun createRoom(name: String, encrypted: Boolean, invite: Set<UserId>): RoomId = blocking {
        val state = if (encrypted) listOf(InitialStateEvent(EncryptionEventContent(), "")) else emptyList()
        val roomId = client.api.room.createRoom(
            name = name,
            invite = invite.map { TUserId(it.value()) }.toSet(),
            initialState = state,
            preset = CreateRoom.Request.Preset.PRIVATE,
        ).getOrElse { throw ChatException("could not create a room: ${it.javaClass.simpleName}", it) }
        if (encrypted) seenEncrypted += roomId
        RoomId(roomId.full)
    }

    fun invite(room: RoomId, user: UserId) {
        blocking {
            client.api.room.inviteUser(TRoomId(room.value()), TUserId(user.value())).getOrElse {
                throw ChatException("could not invite: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /**
     * Sets the power levels of several users in [room] in one event (needs the power to do so; lowering
     * one's own level is always allowed). One event, because this client's copy of the state may lag behind.
     */
    fun setPowerLevels(room: RoomId, levels: Map<UserId, Long>) {
        blocking {
            val roomId = TRoomId(room.value())
            val current = client.room.getState<PowerLevelsEventContent>(roomId).first()?.content
                ?: PowerLevelsEventContent()
            val updated = current.copy(users = current.users + levels.map { (user, level) -> TUserId(user.value()) to level })
            client.api.room.sendStateEvent(roomId, updated).getOrElse {
                throw ChatException("could not set the power levels: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /** Publishes [alias] (`#name:server`) for [room] and makes it the room's canonical alias. */
    fun setCanonicalAlias(room: RoomId, alias: String) {
        blocking {
            val roomId = TRoomId(room.value())
            client.api.room.setRoomAlias(roomId, RoomAliasId(alias)).getOrElse {
                throw ChatException("could not create the alias: ${it.javaClass.simpleName}", it)
            }
            client.api.room.sendStateEvent(roomId, CanonicalAliasEventContent(alias = RoomAliasId(alias))).getOrElse {
                throw ChatException("could not set the canonical alias: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /** Waits until [user] has joined [room], as this client sees it. */
    fun awaitJoined(room: RoomId, user: UserId, timeout: java.time.Duration): Boolean = blocking {
        withTimeoutOrNull(timeout.toKotlinDuration()) {
            client.user.getById(TRoomId(room.value()), TUserId(user.value()))
                .first { it?.event?.content?.membership == Membership.JOIN }
        } != null
    }

    /** Whether this client sees [user]'s device [deviceId] as cross-signed by [user]'s own identity. */
    fun seesDeviceCrossSigned(user: UserId, deviceId: String, timeout: java.time.Duration): Boolean = blocking {
        withTimeoutOrNull(timeout.toKotlinDuration()) {
            client.key.getTrustLevel(TUserId(user.value()), deviceId).first { it is DeviceTrustLevel.CrossSigned }
        } != null
    }

    /** The homeserver's timestamp of an event, read back from the server. */
    fun serverTimestamp(room: RoomId, event: EventId): java.time.Instant = blocking {
        val found = client.api.room.getEvent(TRoomId(room.value()), TEventId(event.value())).getOrElse {
            throw ChatException("could not read event $event: ${it.javaClass.simpleName}", it)
        }
        java.time.Instant.ofEpochMilli(found.originTimestamp)
    }

    /** The trust level this client computes for [user]'s device, for diagnostics in tests. */
    fun deviceTrust(user: UserId, deviceId: String): String = blocking {
        withTimeoutOrNull(5.seconds) { client.key.getTrustLevel(TUserId(user.value()), deviceId).first() }?.toString()
            ?: "unknown"
    }
}
