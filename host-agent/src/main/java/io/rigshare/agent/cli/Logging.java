package io.rigshare.agent.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logs go to stderr (stdout is for the commands' own output), one short line each; {@code --verbose} adds thread and
 * logger names and DEBUG. Configured in code, since the agent ships as one jar with no logback.xml to edit.
 */
public final class Logging {
  private static volatile boolean verbose;

  private Logging() {}

  public static void setVerbose(boolean value) {
    verbose = value;
  }

  public static boolean verbose() {
    return verbose;
  }

  /** Sets up stderr logging at INFO, or DEBUG with {@code --verbose}. */
  public static void configure() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(
        verbose ? "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n" : "%d{HH:mm:ss} %-5level %msg%n");
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    root.setLevel(verbose ? Level.DEBUG : Level.INFO);
    // Libraries speak up only when something is wrong, unless asked.
    for (String noisy : new String[] {"org.java_websocket", "oshi", "jdk.internal.httpclient"}) {
      context.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.WARN);
    }
  }

  /** Only warnings and errors, for commands whose output is the report itself; {@code --verbose} wins. */
  public static void quiet() {
    applyLevel("WARN");
  }

  /** The level from agent.properties; {@code --verbose} wins. */
  public static void applyLevel(String level) {
    if (!verbose && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
