package io.touchline.agent.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Talking to a fixture application that reads commands on stdin and answers one line each, and
 * reading its log.
 */
public final class Conversation {

  private Conversation() {}

  /** Sends one command and returns the application's answer. */
  public static String ask(Writer in, BufferedReader out, String command) throws IOException {
    in.write(command + "\n");
    in.flush();
    return out.readLine();
  }

  /**
   * Waits up to 30 s for the application to end (after {@code quit}); ends it forcibly otherwise.
   */
  public static void awaitExit(Process app) throws InterruptedException {
    if (!app.waitFor(30, TimeUnit.SECONDS)) {
      app.destroyForcibly();
    }
  }

  /**
   * Waits up to 20 s until {@code file} contains {@code text}; fails with the file's content
   * otherwise.
   */
  public static void awaitText(Path file, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(text)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no '"
            + text
            + "' in "
            + file
            + ":\n"
            + new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
  }
}
