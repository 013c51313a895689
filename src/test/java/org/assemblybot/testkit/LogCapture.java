package org.assemblybot.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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

    public LogCapture(Class<?> source) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
    }

    /** The formatted messages logged so far, oldest first. */
    public List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        logger.setLevel(Level.TRACE);
        logger.setAdditive(false);
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        logger.setLevel(null);
        logger.setAdditive(true);
    }
}
