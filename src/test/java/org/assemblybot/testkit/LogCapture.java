package org.assemblybot.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What one class logs during a test, at the most verbose level (P2: tests see all there is to leak), kept
 * out of the build output. Use as {@code @RegisterExtension final LogCapture logs = new LogCapture(X.class);}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private Level rootLevel;

    public LogCapture(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
    }

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** What every class logs, at the most verbose level; the console sees none of it meanwhile. */
    public static LogCapture everything() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    /** The formatted messages logged so far, oldest first. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Each message with the exceptions logged with it (their messages and causes), as a log file shows them. */
    public List<String> lines() {
        return appender.list.stream().map(e -> e.getThrowableProxy() == null ? e.getFormattedMessage()
                : e.getFormattedMessage() + "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (isRoot()) {
            rootLevel = logger.getLevel();
            logger.iteratorForAppenders().forEachRemaining(detached::add);
            detached.forEach(logger::detachAppender);
        }
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        if (isRoot()) {
            logger.setLevel(rootLevel);
            detached.forEach(logger::addAppender);
            detached.clear();
            return;
        }
        logger.setLevel(null);
        logger.setAdditive(true);
    }

    private boolean isRoot() {
        return org.slf4j.Logger.ROOT_LOGGER_NAME.equals(logger.getName());
    }
}
