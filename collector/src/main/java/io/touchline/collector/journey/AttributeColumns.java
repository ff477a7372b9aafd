package io.touchline.collector.journey;

import io.touchline.collector.log.CollectorLog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The values of the touchpoint attributes that segments and breakdowns use, by sequence number. An
 * attribute is read from the store the first time a view asks for it and kept up to date from then
 * on; at most {@link #MAX_ATTRIBUTES} are kept, each with at most {@link #MAX_VALUES} distinct
 * values (a segment is a handful of groups, not an id).
 *
 * <p>The first read takes seconds on a large store (every touchpoint's document). It does not hold
 * up the store's writer: the column is registered first, so the writer fills in what it stores from
 * then on, while the reader fills in what was stored before.
 */
public final class AttributeColumns {

  public static final int MAX_ATTRIBUTES = 16;
  public static final int MAX_VALUES = 1000;
  static final int MAX_NAMES = 500;

  /** Reads one attribute's values of every stored touchpoint from the store. */
  public interface Loader {
    /** Calls {@code sink} with each stored touchpoint that has the attribute, as text. */
    void load(String attribute, ValueSink sink);
  }

  public interface ValueSink {
    void accept(long sequence, String value);
  }

  /** One attribute: its values as codes + 1 (0 = the touchpoint has none). */
  public static final class Column {
    private final Dictionary values =
        new Dictionary(Integer.MAX_VALUE); // bounded by MAX_VALUES below
    private volatile short[][] codes = new short[0][];
    private volatile boolean overflowed;
    private final CountDownLatch loaded = new CountDownLatch(1);

    /** Why the first read failed; the column is then not kept. */
    private volatile String failure;

    /** Written by the store's writer and, during the first read, by the reader: one at a time. */
    synchronized void set(long sequence, String value) {
      int code = values.find(value);
      if (code == Dictionary.ABSENT) {
        if (values.size() >= MAX_VALUES) {
          overflowed = true;
          return;
        }
        code = values.codeOf(value);
      }
      int chunk = Chunks.chunk(sequence);
      if (chunk >= codes.length) {
        short[][] more = Arrays.copyOf(codes, chunk + 1);
        for (int i = codes.length; i <= chunk; i++) {
          more[i] = new short[Chunks.SIZE];
        }
        codes = more;
      }
      codes[chunk][Chunks.slot(sequence)] = (short) (code + 1);
    }

    /** The value's code + 1 on this touchpoint; 0 when it has none. */
    public int codeAt(long sequence) {
      short[][] c = codes;
      int chunk = Chunks.chunk(sequence);
      return chunk < c.length ? c[chunk][Chunks.slot(sequence)] : 0;
    }

    /** The code + 1 of a value; 0 when no touchpoint has it. */
    public int codeOf(String value) {
      return values.find(value) + 1;
    }

    public String value(int codePlusOne) {
      return values.name(codePlusOne - 1);
    }

    /** Whether more distinct values were seen than are kept. */
    public boolean overflowed() {
      return overflowed;
    }

    private void awaitLoaded() {
      boolean interrupted = false;
      while (true) {
        try {
          loaded.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final Loader loader;
  private final Map<String, Column> columns = new LinkedHashMap<>();

  /**
   * Attribute names seen, for the views' pickers: those stored before the start, then every new
   * one.
   */
  private final java.util.HashSet<String> names = new java.util.HashSet<>();

  public AttributeColumns(Loader loader) {
    this.loader = loader;
  }

  /**
   * The column of an attribute, read from the store when first asked for (a caller asking while
   * another reads it waits for that read).
   *
   * @throws IllegalStateException when {@link #MAX_ATTRIBUTES} are kept already, or the attribute
   *     has more than {@link #MAX_VALUES} distinct values
   */
  public Column column(String attribute) {
    Column column;
    boolean reader = false;
    synchronized (this) {
      column = columns.get(attribute);
      if (column == null) {
        if (columns.size() >= MAX_ATTRIBUTES) {
          throw new IllegalStateException(
              "at most "
                  + MAX_ATTRIBUTES
                  + " attributes can be used for segments; in use: "
                  + String.join(", ", columns.keySet()));
        }
        column = new Column();
        columns.put(attribute, column); // from now on the writer fills it in too
        reader = true;
      }
    }
    if (reader) {
      int[] values = {0};
      boolean completed = false;
      Column filling = column;
      try {
        loader.load(
            attribute,
            (sequence, value) -> {
              values[0]++;
              filling.set(sequence, value);
            });
        if (column.overflowed()) {
          column.failure =
              "attribute "
                  + attribute
                  + " has more than "
                  + MAX_VALUES
                  + " distinct values: a segment is a handful of groups (e.g. customer.tier), not an id";
        } else if (values[0] == 0) {
          // Not kept: a name no touchpoint has (a typo) must not take one of the places.
          column.failure = "no stored touchpoint has attribute " + attribute;
        }
        completed = true;
      } catch (RuntimeException e) {
        column.failure = "reading attribute " + attribute + " failed: " + e.getMessage();
        completed = true;
      } finally {
        if (column.failure == null && !completed) { // an Error: the column is not trusted
          column.failure = "reading attribute " + attribute + " did not finish";
        }
        if (column.failure != null) {
          synchronized (this) {
            columns.remove(attribute, column);
          }
        }
        column.loaded.countDown(); // whatever happened, no one waits for ever
      }
    } else {
      column.awaitLoaded();
    }
    if (column.failure != null) {
      throw new IllegalStateException(column.failure);
    }
    return column;
  }

  /** The attribute's column when it was read already; empty otherwise. */
  public synchronized Optional<Column> loaded(String attribute) {
    Column column = columns.get(attribute);
    return column != null && column.loaded.getCount() == 0 ? Optional.of(column) : Optional.empty();
  }

  /** Records a stored touchpoint's values of the attributes kept, and the names of all of them. */
  public synchronized void add(long sequence, Map<String, Object> attributes) {
    if (names.size() < MAX_NAMES) {
      names.addAll(attributes.keySet());
    }
    if (columns.isEmpty()) {
      return;
    }
    columns.forEach(
        (name, column) -> {
          Object value = attributes.get(name);
          if (value != null) {
            column.set(sequence, text(value));
          }
        });
  }

  /** Attribute names seen on touchpoints (at most {@value #MAX_NAMES}), sorted. */
  public synchronized List<String> names() {
    return names.stream().sorted().toList();
  }

  /** Adds names known from the store, at start. */
  public synchronized void knowNames(List<String> stored) {
    for (String name : stored) {
      if (names.size() >= MAX_NAMES) {
        break;
      }
      names.add(name);
    }
  }

  /**
   * Forgets every value, before the store reads everything back; the attributes kept are read
   * again.
   */
  public void reload() {
    List<String> kept;
    synchronized (this) {
      kept = List.copyOf(columns.keySet());
      columns.clear();
    }
    for (String attribute : kept) {
      try {
        column(attribute);
      } catch (IllegalStateException e) {
        CollectorLog.error(e.getMessage());
      }
    }
  }

  /** An attribute value as the views show it: lists as their items joined by commas. */
  public static String text(Object value) {
    return value instanceof List<?> list
        ? String.join(",", list.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }
}
