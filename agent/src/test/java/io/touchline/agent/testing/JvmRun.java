package io.touchline.agent.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command (a JVM, mostly) run to its end in a test's directory, with what it printed. */
public final class JvmRun {

  public final int exitCode;
  public final String stdout;
  public final String stderr;

  private JvmRun(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Runs {@code command} in {@code directory} with the environment changed by {@code env}, the
   * Touchline variables of the developer's shell removed; fails the test after 60 s.
   */
  public static JvmRun run(List<String> command, Path directory, Map<String, String> env)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().remove("TOUCHLINE_ENABLED");
    builder.environment().remove("TOUCHLINE_CONFIG");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(directory, "stdout", ".txt");
    Path err = Files.createTempFile(directory, "stderr", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within 60 s");
    }
    return new JvmRun(
        process.exitValue(),
        new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
  }
}
