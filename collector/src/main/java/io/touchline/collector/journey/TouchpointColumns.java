package io.touchline.collector.journey;

import java.util.Arrays;
import java.util.List;

/**
 * What the analyst views read of every stored touchpoint, in memory and by sequence number: its
 * time, name, channel, service and whether it failed. Kept up to date as touchpoints are stored and
 * erased, so a view scans arrays instead of asking the database for ten million rows (a
 * directly-follows query took DuckDB ~290 ms over 1M rows). About 15 bytes per touchpoint.
 *
 * <p>One writer (the store, under its lock) appends; any number of queries read. A row is visible
 * once {@link #published()} covers its sequence number.
 */
public final class TouchpointColumns {

  private static final byte PRESENT = 1;
  private static final byte ERROR = 2;
  private static final byte KEYED = 4;

  /** Names per column, at most: codes are 16 bits; past this, names count as "(other)". */
  static final int MAX_NAMES = 30_000;

  private final Dictionary touchpoints = new Dictionary(MAX_NAMES);
  private final Dictionary channels = new Dictionary(MAX_NAMES);
  private final Dictionary services = new Dictionary(MAX_NAMES);

  private volatile long[][] nanos = new long[0][];
  private volatile short[][] names = new short[0][];
  private volatile short[][] channelCodes = new short[0][];
  private volatile short[][] serviceCodes = new short[0][];
  private volatile byte[][] flags = new byte[0][];

  /** The highest sequence number written; rows above it are not there yet. */
  private volatile long published;

  /** Whether the touchpoints stored before the start (or the last rebuild) have all been read. */
  private volatile boolean loaded = true;

  /** Counts the times the columns were cleared: a reader of an older round stops. */
  private volatile int round;

  /** How many of the stored touchpoints the current round has read, of how many. */
  private volatile long loadedRows;

  private volatile long rowsToLoad;
  private long loadNanos;
  private volatile String failure;

  /** Counts the erasures applied: a snapshot taken before one must not answer after it. */
  private volatile long removals;

  private final it.unimi.dsi.fastutil.longs.LongOpenHashSet removedWhileLoading =
      new it.unimi.dsi.fastutil.longs.LongOpenHashSet();

  /** Records one stored touchpoint. Sequence numbers come in increasing order. */
  public void add(
      long sequence,
      long eventNanos,
      String touchpoint,
      String channel,
      String service,
      String outcome,
      boolean keyed) {
    int chunk = Chunks.chunk(sequence);
    if (chunk >= flags.length) { // rarely: a new chunk every 65,536 touchpoints
      ensure(sequence);
    }
    int slot = Chunks.slot(sequence);
    nanos[chunk][slot] = eventNanos;
    names[chunk][slot] = (short) touchpoints.codeOf(touchpoint);
    channelCodes[chunk][slot] = (short) channels.codeOf(channel);
    serviceCodes[chunk][slot] = (short) services.codeOf(service);
    flags[chunk][slot] =
        (byte) (PRESENT | ("error".equals(outcome) ? ERROR : 0) | (keyed ? KEYED : 0));
    raisePublished(sequence);
  }

  /** The store's writer and, after a start, the reader of what was stored both publish rows. */
  private synchronized void raisePublished(long sequence) {
    if (sequence > published) {
      published = sequence;
    }
  }

  /**
   * Forgets deleted touchpoints (erasure). While the stored touchpoints are read back they are also
   * remembered, so that the reader, which may have read them before they went, skips them.
   */
  public synchronized void remove(long[] sequences) {
    removals++;
    for (long sequence : sequences) {
      if (!loaded) {
        removedWhileLoading.add(sequence);
      }
      if (sequence <= published && Chunks.chunk(sequence) < flags.length) {
        flags[Chunks.chunk(sequence)][Chunks.slot(sequence)] = 0;
      }
    }
  }

  /**
   * Adds a touchpoint read back from the store in this round, unless it was removed meanwhile;
   * false when a newer round began (the reader stops).
   */
  public boolean addLoaded(
      int round,
      long sequence,
      long eventNanos,
      String touchpoint,
      String channel,
      String service,
      String outcome,
      boolean keyed) {
    if (round != this.round) {
      return false;
    }
    loadedRows++;
    synchronized (this) {
      if (removedWhileLoading.contains(sequence)) {
        return true;
      }
    }
    add(sequence, eventNanos, touchpoint, channel, service, outcome, keyed);
    return true;
  }

  /**
   * Forgets everything before the store reads back its {@code rows} stored touchpoints (the writer
   * goes on adding new ones meanwhile); returns the round, for {@link #loadedRow} and {@link
   * #finishLoading}.
   */
  public synchronized int startLoading(long rows) {
    clear();
    failure = null;
    removedWhileLoading.clear();
    loaded = rows == 0;
    loadedRows = 0;
    rowsToLoad = rows;
    return ++round;
  }

  /**
   * Forgets everything and marks the columns as not read back yet (until {@link #startLoading}).
   */
  public synchronized void unload() {
    clear();
    failure = null;
    loaded = false;
    round++;
  }

  /** Marks the round's reading done; it took {@code nanos}. */
  public synchronized void finishLoading(int round, long nanos) {
    if (round == this.round) {
      loaded = true;
      loadNanos = nanos;
      removedWhileLoading.clear();
      notifyAll();
    }
  }

  /** Marks the round's reading failed: the views say so instead of waiting for it. */
  public synchronized void failLoading(int round, String why) {
    if (round == this.round) {
      failure = why;
      notifyAll();
    }
  }

  /** Why reading the stored touchpoints back failed, or null. */
  public String failure() {
    return failure;
  }

  /** Whether the stored touchpoints are still being read back (neither done nor failed). */
  public boolean loading() {
    return !loaded && failure == null;
  }

  /** Counts the times the columns were cleared: a snapshot of another round is not current. */
  public int round() {
    return round;
  }

  /** How many stored touchpoints the last round read back, and in how long: for the log. */
  public synchronized String loadReport() {
    return String.format(
        java.util.Locale.ROOT,
        "%,d stored touchpoints read in %.1f s",
        rowsToLoad,
        loadNanos / 1e9);
  }

  /** Waits up to {@code millis} for the stored touchpoints to be read back; whether they are. */
  public synchronized boolean awaitLoaded(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!loaded && failure == null) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return loaded;
  }

  /** The share of the stored touchpoints read back so far, 0 to 1. */
  public double loadedShare() {
    return loaded ? 1.0 : rowsToLoad == 0 ? 0.0 : Math.min(1.0, (double) loadedRows / rowsToLoad);
  }

  /** Forgets everything, before the store reads it all back. */
  public synchronized void clear() {
    nanos = new long[0][];
    names = new short[0][];
    channelCodes = new short[0][];
    serviceCodes = new short[0][];
    flags = new byte[0][];
    published = 0;
  }

  private synchronized void ensure(long sequence) {
    int chunk = Chunks.chunk(sequence);
    if (chunk < flags.length) {
      return;
    }
    int count = chunk + 1;
    long[][] moreNanos = Arrays.copyOf(nanos, count);
    short[][] moreNames = Arrays.copyOf(names, count);
    short[][] moreChannels = Arrays.copyOf(channelCodes, count);
    short[][] moreServices = Arrays.copyOf(serviceCodes, count);
    byte[][] moreFlags = Arrays.copyOf(flags, count);
    for (int i = flags.length; i < count; i++) {
      moreNanos[i] = new long[Chunks.SIZE];
      moreNames[i] = new short[Chunks.SIZE];
      moreChannels[i] = new short[Chunks.SIZE];
      moreServices[i] = new short[Chunks.SIZE];
      moreFlags[i] = new byte[Chunks.SIZE];
    }
    nanos = moreNanos;
    names = moreNames;
    channelCodes = moreChannels;
    serviceCodes = moreServices;
    flags = moreFlags; // last: a reader that sees this chunk sees the others
  }

  /** How many times touchpoints were removed (erasures). */
  public long removals() {
    return removals;
  }

  public long published() {
    return published;
  }

  public boolean present(long sequence) {
    byte[][] f = flags;
    int chunk = Chunks.chunk(sequence);
    return chunk < f.length && (f[chunk][Chunks.slot(sequence)] & PRESENT) != 0;
  }

  // Each read takes one reference to its column and checks the chunk is there: the columns may be
  // cleared (retention reads everything back) while a view scans; it then reads zeros, not past
  // an array's end.

  public boolean failed(long sequence) {
    return (flag(sequence) & ERROR) != 0;
  }

  public boolean keyed(long sequence) {
    return (flag(sequence) & KEYED) != 0;
  }

  private byte flag(long sequence) {
    byte[][] column = flags;
    int chunk = Chunks.chunk(sequence);
    return chunk < column.length ? column[chunk][Chunks.slot(sequence)] : 0;
  }

  public long nanos(long sequence) {
    long[][] column = nanos;
    int chunk = Chunks.chunk(sequence);
    return chunk < column.length ? column[chunk][Chunks.slot(sequence)] : 0;
  }

  public int touchpoint(long sequence) {
    return code(names, sequence);
  }

  public int channel(long sequence) {
    return code(channelCodes, sequence);
  }

  public int service(long sequence) {
    return code(serviceCodes, sequence);
  }

  private static int code(short[][] column, long sequence) {
    int chunk = Chunks.chunk(sequence);
    return chunk < column.length ? column[chunk][Chunks.slot(sequence)] : 0;
  }

  public String touchpointName(int code) {
    return touchpoints.name(code);
  }

  public String channelName(int code) {
    return channels.name(code);
  }

  public String serviceName(int code) {
    return services.name(code);
  }

  /** The code of a touchpoint name, or -1 when no stored touchpoint has it. */
  public int touchpointCode(String name) {
    return touchpoints.find(name);
  }

  public int channelCode(String name) {
    return channels.find(name);
  }

  public int serviceCode(String name) {
    return services.find(name);
  }

  public List<String> channelNames() {
    return channels.names();
  }

  public List<String> serviceNames() {
    return services.names();
  }

  public List<String> touchpointNames() {
    return touchpoints.names();
  }
}
