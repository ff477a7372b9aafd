package io.touchline.bench.journeys;

import com.acme.simulator.run.Interaction;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the ground truth as the simulator writes it ({@code truth.jsonl}, one line per request:
 * the simulator's own {@link Interaction} record), so {@code simulator accuracy --truth} scores a
 * collector that holds the generated history.
 */
public final class TruthWriter implements Consumer<GeneratedInteraction>, Closeable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private long lines;

  public TruthWriter(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /** The truth line of one interaction. */
  public static Interaction line(GeneratedInteraction interaction) {
    return new Interaction(
        interaction.id(),
        interaction.actor().customerNumber(),
        interaction.scenario().label(),
        interaction.app().service(),
        interaction.app().channel(),
        interaction.request(),
        interaction.status(),
        interaction.touchpoints());
  }

  @Override
  public void accept(GeneratedInteraction interaction) {
    try {
      out.write(JSON.writeValueAsString(line(interaction)));
      out.newLine();
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the truth file: " + e.getMessage(), e);
    }
  }

  public long lines() {
    return lines;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
