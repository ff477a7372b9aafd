package io.touchline.agent.config;

/** A place in a config file: file, 1-based line and the dotted path of the field. */
final class ConfigLocation {

  private final String file;
  private final int line;
  private final String field;

  ConfigLocation(String file, int line, String field) {
    this.file = file;
    this.line = line;
    this.field = field;
  }

  ConfigLocation child(String name, int childLine) {
    return new ConfigLocation(file, childLine, field.isEmpty() ? name : field + "." + name);
  }

  ConfigLocation element(int index, int childLine) {
    return new ConfigLocation(file, childLine, field + "[" + index + "]");
  }

  /** {@code file:line}, without the field. */
  String fileAndLine() {
    return file + ":" + line;
  }

  String field() {
    return field;
  }

  @Override
  public String toString() {
    return file + ":" + line + (field.isEmpty() ? "" : ": " + field);
  }
}
