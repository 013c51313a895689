package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.CryptoDriverModule
import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.MediaStoreModule
import de.connect2x.trixnity.client.RepositoriesModule
import de.connect2x.trixnity.client.create
import de.connect2x.trixnity.client.cryptodriver.vodozemac.vodozemac
import de.connect2x.trixnity.client.key
import de.connect2x.trixnity.client.media.inMemory
import de.connect2x.trixnity.client.store.repository.exposed.exposed
import de.connect2x.trixnity.clientserverapi.client.MatrixClientAuthProviderData
import de.connect2x.trixnity.clientserverapi.client.SyncState
import de.connect2x.trixnity.clientserverapi.client.UIA
import de.connect2x.trixnity.clientserverapi.client.classicLoginWithPassword
import de.connect2x.trixnity.clientserverapi.model.authentication.IdentifierType
import de.connect2x.trixnity.clientserverapi.model.uia.AuthenticationRequest
import de.connect2x.trixnity.clientserverapi.model.user.Filters
import de.connect2x.trixnity.core.MatrixServerException
import de.connect2x.trixnity.core.serialization.events.EventContentSerializerMappings
import de.connect2x.trixnity.core.serialization.events.default
import de.connect2x.trixnity.crypto.key.DeviceTrustLevel
import io.ktor.client.engine.HttpClientEngine
import io.ktor.client.engine.okhttp.OkHttp
import io.ktor.http.Url
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatObserver
import org.assemblybot.core.chat.SelfIdentity
import org.assemblybot.core.chat.UserId
import org.h2.jdbcx.JdbcConnectionPool
import org.slf4j.LoggerFactory
import java.net.ConnectException
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds
import org.jetbrains.exposed.sql.Database as ExposedDatabase

/**
 * The bot's Matrix device: logging in or restoring the stored session, the private store directory,
 * cross-signing with its recovery key, and watching for the homeserver rejecting the access token.
 * Owns the Trixnity client and the coroutine scope every other part of the adapter runs in.
 */
internal class MatrixSession private constructor(
    val settings: MatrixSettings,
    val client: MatrixClient,
    private val engine: HttpClientEngine,
    private val pool: JdbcConnectionPool,
    private val observed: Observed,
) : SelfIdentity {

    /** Who is told about syncs and rate limits; set once the app has built it, read on every event. */
    internal class Observed {
        @Volatile
        var observer: ChatObserver = ChatObserver.NONE
    }

    var observer: ChatObserver
        get() = observed.observer
        set(value) {
            observed.observer = value
        }

    val self = client.userId
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @Volatile
    private var unauthorized: () -> Unit = {}

    companion object {
        private val log = LoggerFactory.getLogger(MatrixSession::class.java)
        private const val STORE_FILE = "trixnity"
        private const val TIMELINE_LIMIT = 50L

        /** Trixnity's H2 store in [storeDir]: the file the MVStore keeps everything in. */
        @JvmStatic
        fun storeFile(storeDir: Path): Path = storeDir.resolve("$STORE_FILE.mv.db")

        /**
         * Opens the device: restores the stored session, or logs in with the password on the first start
         * (creating a new device). Does not start syncing.
         */
        suspend fun open(settings: MatrixSettings): MatrixSession {
            PrivateFiles.createDirectory(settings.storeDir)
            val storeExists = Files.exists(storeFile(settings.storeDir))
            val observed = Observed()
            val engine = OkHttp.create {
                // OkHttp allows 5 requests per host by default; a GO to many rooms sends them all at once.
                config {
                    dispatcher(okhttp3.Dispatcher().apply { maxRequests = 64; maxRequestsPerHost = 32 })
                    connectionPool(okhttp3.ConnectionPool(32, 5, TimeUnit.MINUTES))
                    // Every 429 is counted here, on the wire: Trixnity waits most of them out itself, and our
                    // retry loop (HomeserverRetry) only sees those that got through its own.
                    addNetworkInterceptor(okhttp3.Interceptor { chain ->
                        chain.proceed(chain.request()).also { if (it.code == 429) observed.observer.rateLimited() }
                    })
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
            // WRITE_DELAY=0: each commit reaches the file at once (H2 waits up to 500 ms by default), so a crash
            // cannot roll the encryption ratchets back behind messages already sent (their indexes would repeat).
            val pool = JdbcConnectionPool.create("jdbc:h2:file:${settings.storeDir.toAbsolutePath()
                .resolve(STORE_FILE)};TRACE_LEVEL_FILE=0;WRITE_DELAY=0", "", "")
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
                    // room per sync; longer gaps are fetched (see SyncReceiver.fillGap).
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
            PrivateFiles.restrict(settings.storeDir)
            if (client.userId.full != settings.userId) {
                client.closeSuspending()
                engine.close()
                pool.dispose()
                throw ChatException("the store in ${settings.storeDir} belongs to ${client.userId.full}, " +
                        "not ${settings.userId}; use another data directory")
            }
            log.info("Matrix device ready: user {} device {} ({})", client.userId.full, client.deviceId,
                if (login != null) "new login" else "restored session")
            return MatrixSession(settings, client, engine, pool, observed)
        }

        private suspend fun login(settings: MatrixSettings, baseUrl: Url, engine: HttpClientEngine):
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
    }

    // ---------------------------------------------------------------------------------------------
    // Syncing and the access token

    /** Starts the sync loop and blocks until the first sync has been processed. */
    fun startSync() {
        scope.launch { watchSyncState() }
        scope.launch { watchLoginState() }
        runBlocking {
            client.startSync(presence = null)
            withTimeout(120.seconds) { client.syncState.first { it == SyncState.RUNNING } }
        }
        PrivateFiles.restrict(settings.storeDir)
    }

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
                    observer.syncFailing()
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

    // ---------------------------------------------------------------------------------------------
    // Cross-signing (E3)

    /**
     * Makes sure the bot's own device is signed by its own identity (E3). On the first run this creates the
     * cross-signing keys and writes the recovery key to [recoveryKeyFile] (0600). Returns true if the device
     * is cross-signed afterwards. Works before syncing starts, and the bot calls it there: a device that
     * joins rooms before it is signed gets no room keys from clients that exclude insecure devices.
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
        PrivateFiles.write(recoveryKeyFile, bootstrap.recoveryKey + "\n")
        log.info("Cross-signing set up for {}; the recovery key is in {} — keep it safe, it is shown nowhere else",
            self.full, recoveryKeyFile)
        isCrossSigned(30.seconds)
    }

    private suspend fun isCrossSigned(wait: kotlin.time.Duration): Boolean =
        withTimeoutOrNull(wait) {
            client.key.getTrustLevel(self, client.deviceId).first { it is DeviceTrustLevel.CrossSigned }
        } != null

    // ---------------------------------------------------------------------------------------------
    // Identity (SelfIdentity)

    override fun userId(): UserId = UserId(self.full)

    override fun deviceId(): String = client.deviceId

    /** The current trust level from the local store, without waiting for a change (commands run in a transaction). */
    override fun deviceCrossSigned(): Boolean = blocking {
        withTimeoutOrNull(1.seconds) { client.key.getTrustLevel(self, client.deviceId).first() } is DeviceTrustLevel.CrossSigned
    }

    // ---------------------------------------------------------------------------------------------
    // Closing, in the steps TrixnityChat.close orders around the other parts

    /** Stops syncing and closes the client, each step bounded in time (T5). */
    fun closeClient() {
        runBlocking {
            withTimeoutOrNull(10.seconds) { client.stopSync() }
            withTimeoutOrNull(10.seconds) { client.closeSuspending() }
                ?: log.warn("closing the Matrix client timed out")
        }
    }

    /** Releases the HTTP engine and the store, and leaves the store's files owner-only (S3). */
    fun release() {
        engine.close()
        pool.dispose()
        PrivateFiles.restrict(settings.storeDir)
    }
}
