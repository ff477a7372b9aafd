package com.acme.simulator.run;

import java.io.PrintStream;

/** The run's progress on stderr: a bar redrawn in place on a terminal, else a line per tenth. */
final class Progress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long planned;
  private final long start = System.nanoTime();
  private int lastTenth;

  Progress(PrintStream out, boolean terminal, long planned) {
    this.out = out;
    this.terminal = terminal;
    this.planned = Math.max(1, planned);
  }

  void update(long done, long errors) {
    if (terminal) {
      int filled = (int) (WIDTH * done / planned);
      out.printf(
          "\r[%s%s] %,d/%,d interactions, %,d errors, %.0f/s ",
          "#".repeat(filled), ".".repeat(WIDTH - filled), done, planned, errors, rate(done));
      if (done == planned) {
        out.println();
      }
    } else {
      int tenth = (int) (10 * done / planned);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.printf(
            "%3d%%: %,d/%,d interactions, %,d errors, %.0f/s%n",
            tenth * 10, done, planned, errors, rate(done));
      }
    }
  }

  private double rate(long done) {
    double seconds = (System.nanoTime() - start) / 1e9;
    return seconds == 0 ? 0 : done / seconds;
  }
}
