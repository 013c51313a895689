package org.assemblybot.adapter.matrix

import de.connect2x.lognity.api.ansi.AnsiScope
import de.connect2x.lognity.api.backend.Backend
import de.connect2x.lognity.api.config.Config
import de.connect2x.lognity.api.config.ConfigSpec
import de.connect2x.lognity.api.context.Context
import de.connect2x.lognity.api.context.ContextSpec
import de.connect2x.lognity.api.context.EmptyContext
import de.connect2x.lognity.api.format.Formatter
import de.connect2x.lognity.api.logger.Level
import de.connect2x.lognity.api.logger.Logger
import de.connect2x.lognity.api.marker.Marker
import de.connect2x.lognity.api.marker.NoopMarker
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import org.slf4j.LoggerFactory

/**
 * Routes Trixnity's logging (lognity, whose default backend discards everything) to SLF4J.
 *
 * Only INFO and above are forwarded: Trixnity's DEBUG and TRACE lines can carry event contents and
 * request details, and our logs must never hold message bodies or tokens (P2), at any configured level.
 */
internal object LognityToSlf4j : Backend {
    private val minimum = Level.INFO

    @Volatile
    private var installed = false

    /** Installs the bridge once; must run before the first Trixnity class creates its logger. */
    fun install() {
        if (installed) return
        synchronized(this) {
            if (!installed) {
                Backend.set(this)
                installed = true
            }
        }
    }

    override val name: String = "slf4j-bridge"
    override val defaultLevel: Level = minimum
    override val defaultFormatter: Formatter = Formatter.identity
    override val coroutineScope: CoroutineScope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    override var configSpec: ConfigSpec = {}
    override var contextSpec: ContextSpec = {}

    override fun addShutdownHook(hook: () -> Unit) = Unit
    override fun createMarker(key: String, name: String, isEnabled: Boolean): Marker = NoopMarker
    override fun createLogger(name: String?, contextSpec: ContextSpec): Logger = ForwardingLogger(name ?: "trixnity")
    override fun setCoroutineScopeProvider(provider: () -> CoroutineScope) = Unit

    private class ForwardingLogger(name: String) : Logger {
        private val delegate = LoggerFactory.getLogger(name)
        override val config: Config = Config {}
        override val context: Context = EmptyContext
        override var level: Level = minimum
        override var isEnabled: Boolean = true

        override fun log(level: Level, message: AnsiScope.() -> Any) = log(null, level, message)

        override fun log(marker: Marker?, level: Level, message: AnsiScope.() -> Any) {
            if (level < minimum) return
            when (level) {
                Level.INFO -> if (delegate.isInfoEnabled) delegate.info(render(message))
                Level.WARN -> if (delegate.isWarnEnabled) delegate.warn(render(message))
                else -> if (delegate.isErrorEnabled) delegate.error(render(message))
            }
        }

        private fun render(message: AnsiScope.() -> Any): String = message(AnsiScope).toString()
    }
}
