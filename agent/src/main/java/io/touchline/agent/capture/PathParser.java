package io.touchline.agent.capture;

/** A hand-sized recursive-descent parser for {@link PathExpression}; one instance per parse. */
final class PathParser {

  private final String text;
  private int pos;

  PathParser(String text) throws PathSyntaxException {
    if (text == null || text.trim().isEmpty()) {
      throw new PathSyntaxException(String.valueOf(text), 0, "empty path");
    }
    this.text = text.trim();
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  PathRoot root() throws PathSyntaxException {
    int start = pos;
    String word = identifier();
    switch (word) {
      case "args":
        expect('[');
        int index = integer();
        expect(']');
        return PathRoot.argument(index);
      case "this":
        return PathRoot.of(PathRoot.Kind.THIS);
      case "return":
        return PathRoot.of(PathRoot.Kind.RETURN);
      case "thrown":
        return PathRoot.of(PathRoot.Kind.THROWN);
      default:
        throw error(
            start, "a path starts with args[N], this, return or thrown, not '" + word + "'");
    }
  }

  PathStep step() throws PathSyntaxException {
    char c = text.charAt(pos);
    if (c == '.') {
      pos++;
      return new PathStep.Property(identifier());
    }
    if (c == '[') {
      pos++;
      PathStep step;
      if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
        step = new PathStep.Key(quoted());
      } else {
        step = new PathStep.Index(integer());
      }
      expect(']');
      return step;
    }
    throw error(pos, "expected '.name', '[N]' or '[\"key\"]'");
  }

  private String identifier() throws PathSyntaxException {
    int start = pos;
    while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
      pos++;
    }
    if (start == pos || !Character.isJavaIdentifierStart(text.charAt(start))) {
      throw error(start, "expected a name");
    }
    return text.substring(start, pos);
  }

  private int integer() throws PathSyntaxException {
    int start = pos;
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error(start, "expected a non-negative index");
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error(start, "index too large");
    }
  }

  private String quoted() throws PathSyntaxException {
    char quote = text.charAt(pos);
    int start = ++pos;
    while (pos < text.length() && text.charAt(pos) != quote) {
      pos++;
    }
    if (atEnd()) {
      throw error(start - 1, "unterminated quoted key");
    }
    return text.substring(start, pos++);
  }

  private void expect(char c) throws PathSyntaxException {
    if (atEnd() || text.charAt(pos) != c) {
      throw error(pos, "expected '" + c + "'");
    }
    pos++;
  }

  private PathSyntaxException error(int at, String problem) {
    return new PathSyntaxException(text, at, problem);
  }
}
