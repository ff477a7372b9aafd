package io.touchline.agent.config;

/** A place in a config file: file, 1-based line and column, and the dotted path of the field. */
final class ConfigLocation {

  private final String file;
  private final int line;
  private final int column;
  private final String field;

  ConfigLocation(String file, int line, int column, String field) {
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
  }

  ConfigLocation child(String name, int childLine, int childColumn) {
    return new ConfigLocation(
        file, childLine, childColumn, field.isEmpty() ? name : field + "." + name);
  }

  ConfigLocation element(int index, int childLine, int childColumn) {
    return new ConfigLocation(file, childLine, childColumn, field + "[" + index + "]");
  }

  /** {@code file:line}, without the column and field: where a touchpoint is written. */
  String fileAndLine() {
    return file + ":" + line;
  }

  String field() {
    return field;
  }

  @Override
  public String toString() {
    String place = line > 0 ? file + ":" + line + ":" + column : file;
    return place + (field.isEmpty() ? "" : ": " + field);
  }
}
