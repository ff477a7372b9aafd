package io.touchline.agent.log;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The agent's own messages. They carry a {@code [touchline]} prefix and go to stderr, so the host
 * application's output is never mixed with, or mistaken for, ours. Never log raw key values here.
 */
public final class AgentLog {

  /** Severity, in increasing order. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
  }

  private static volatile Level threshold = Level.INFO;
  private static volatile PrintStream out = System.err;

  private AgentLog() {}

  public static void setThreshold(Level level) {
    threshold = level;
  }

  /** Parses a level name such as {@code info}; returns null when it is not one. */
  public static Level parseLevel(String name) {
    try {
      return Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static void setOutput(PrintStream stream) {
    out = stream;
  }

  /**
   * Writes the agent's messages to {@code file} (appending) instead of stderr. If the file cannot
   * be opened, says so on stderr and stays there.
   */
  public static void useFile(String file) {
    try {
      out = new PrintStream(new java.io.FileOutputStream(file, true), true, "UTF-8");
    } catch (java.io.IOException | SecurityException e) {
      error("cannot write the agent log to " + file + "; logging to stderr", e);
    }
  }

  public static boolean isEnabled(Level level) {
    return level.compareTo(threshold) >= 0 && level != Level.OFF;
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  public static void warn(String message, Throwable error) {
    log(Level.WARN, message, error);
  }

  public static void error(String message) {
    log(Level.ERROR, message, null);
  }

  public static void error(String message, Throwable error) {
    log(Level.ERROR, message, error);
  }

  private static void log(Level level, String message, Throwable error) {
    if (!isEnabled(level)) {
      return;
    }
    PrintStream stream = out;
    StringBuilder line =
        new StringBuilder("[touchline] ").append(level).append(' ').append(message);
    if (error != null) {
      // The exception's class and message only: a stack trace from the agent would flood the
      // application's stderr, and debug level is there for anyone who needs one.
      line.append(": ").append(error.getClass().getName());
      if (error.getMessage() != null) {
        line.append(": ").append(error.getMessage());
      }
    }
    stream.println(line);
    if (error != null && isEnabled(Level.DEBUG)) {
      error.printStackTrace(stream);
    }
  }
}
