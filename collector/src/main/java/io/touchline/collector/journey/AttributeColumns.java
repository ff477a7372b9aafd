package io.touchline.collector.journey;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of the touchpoint attributes that segments and breakdowns use, by sequence number.
 * An attribute is read from the store the first time a view asks for it and kept up to date from
 * then on; at most {@link #MAX_ATTRIBUTES} are kept, each with at most {@link #MAX_VALUES}
 * distinct values (a segment is a handful of groups, not an id).
 */
public final class AttributeColumns {

  public static final int MAX_ATTRIBUTES = 16;
  public static final int MAX_VALUES = 1000;

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
    private final Dictionary values = new Dictionary();
    private volatile short[][] codes = new short[0][];
    private volatile boolean overflowed;

    void set(long sequence, String value) {
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

    public int valueCount() {
      return values.size();
    }

    /** Whether more distinct values were seen than are kept. */
    public boolean overflowed() {
      return overflowed;
    }
  }

  private final Loader loader;
  private final Map<String, Column> columns = new LinkedHashMap<>();
  /** Attribute names seen, for the views' pickers: those stored before the start, then every new one. */
  private final java.util.TreeSet<String> names = new java.util.TreeSet<>();
  static final int MAX_NAMES = 500;

  public AttributeColumns(Loader loader) {
    this.loader = loader;
  }

  /**
   * The column of an attribute, read from the store when first asked for.
   *
   * @throws IllegalStateException when {@link #MAX_ATTRIBUTES} are kept already, or the attribute
   *     has more than {@link #MAX_VALUES} distinct values
   */
  public synchronized Column column(String attribute) {
    Column column = columns.get(attribute);
    if (column == null) {
      if (columns.size() >= MAX_ATTRIBUTES) {
        throw new IllegalStateException("at most " + MAX_ATTRIBUTES + " attributes can be used for segments; in use: "
            + String.join(", ", columns.keySet()));
      }
      column = new Column();
      loader.load(attribute, column::set);
      if (column.overflowed()) {
        throw new IllegalStateException("attribute " + attribute + " has more than " + MAX_VALUES
            + " distinct values: a segment is a handful of groups (e.g. customer.tier), not an id");
      }
      columns.put(attribute, column);
    }
    return column;
  }

  public synchronized Optional<Column> loaded(String attribute) {
    return Optional.ofNullable(columns.get(attribute));
  }

  /** Records a stored touchpoint's values of the attributes kept, and the names of all of them. */
  public synchronized void add(long sequence, Map<String, Object> attributes) {
    if (names.size() < MAX_NAMES) {
      names.addAll(attributes.keySet());
    }
    if (columns.isEmpty()) {
      return;
    }
    columns.forEach((name, column) -> {
      Object value = attributes.get(name);
      if (value != null) {
        column.set(sequence, text(value));
      }
    });
  }

  /** Attribute names seen on touchpoints (at most {@value #MAX_NAMES}), sorted. */
  public synchronized List<String> names() {
    return List.copyOf(names);
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

  /** Forgets every value, before the store reads everything back; the attributes stay kept. */
  public synchronized void reload() {
    List<String> kept = List.copyOf(columns.keySet());
    columns.clear();
    kept.forEach(this::column);
  }

  /** An attribute value as the views show it: lists as their items joined by commas. */
  public static String text(Object value) {
    return value instanceof List<?> list
        ? String.join(",", list.stream().map(String::valueOf).toList())
        : String.valueOf(value);
  }
}
