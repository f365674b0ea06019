package dev.rigwatch.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/**
 * Moves the process's log lines from the console to a file, for commands whose console is a curated view (the
 * demo): a reader sees progress and alerts, and the file keeps every logger's line for when something looks off.
 */
final class LogFile {

    /** The console appender's name in logback.xml. */
    static final String CONSOLE_APPENDER = "STDERR";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private LogFile() {
    }

    /** A new file name in {@code dir} for a run of {@code command} started at {@code now}. */
    static Path name(Path dir, String command, Instant now) {
        return dir.resolve("rigwatch-" + command + "-" + STAMP.format(now) + ".log");
    }

    /** From now on the root logger writes to {@code file} (created with its folders) and no longer to the console. */
    static Path redirect(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file.toAbsolutePath().toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            // logback reports why on its status channel; the console keeps the logs rather than losing them
            throw new IllegalStateException("cannot write the log file " + file.toAbsolutePath());
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console != null) {
            root.detachAppender(console);
            console.stop();
        }
        return file.toAbsolutePath();
    }
}
