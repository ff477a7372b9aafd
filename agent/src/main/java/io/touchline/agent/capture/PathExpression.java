package io.touchline.agent.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compiled value path such as {@code args[0].customer.id}, {@code return.total} or {@code
 * this.headers["X-Session"]}: a root ({@code args[N]}, {@code this}, {@code return}, {@code
 * thrown}) followed by steps. The language is deliberately tiny and side-effect free: no scripting
 * engine and no method calls beyond getters, so a config file cannot run code in the host
 * application.
 */
public final class PathExpression {

  private final String text;
  private final PathRoot root;
  private final List<PathStep> steps;

  private PathExpression(String text, PathRoot root, List<PathStep> steps) {
    this.text = text;
    this.root = root;
    this.steps = steps;
  }

  public static PathExpression parse(String text) throws PathSyntaxException {
    PathParser parser = new PathParser(text);
    PathRoot root = parser.root();
    List<PathStep> steps = new ArrayList<>();
    while (!parser.atEnd()) {
      steps.add(parser.step());
    }
    return new PathExpression(text, root, Collections.unmodifiableList(steps));
  }

  /** Reads the value for one call; null when any step finds nothing. Never throws. */
  public Object read(Invocation invocation) {
    Object value = root.read(invocation);
    for (int i = 0; i < steps.size() && value != null; i++) {
      value = steps.get(i).apply(value);
    }
    return value;
  }

  /** The argument index this path reads, or -1 when it does not start at {@code args[N]}. */
  public int argumentIndex() {
    return root.argumentIndex();
  }

  public PathRoot.Kind rootKind() {
    return root.kind();
  }

  /** The steps after the root, for checking a path against a method's declared types. */
  public List<Step> steps() {
    List<Step> views = new ArrayList<>(steps.size());
    for (PathStep step : steps) {
      views.add(step.view());
    }
    return views;
  }

  /** What one step does: read a property, an element by index, or an entry by key. */
  public static final class Step {
    /** The kinds of step. */
    public enum Kind {
      PROPERTY,
      INDEX,
      KEY
    }

    private final Kind kind;
    private final String name;
    private final int index;

    Step(Kind kind, String name, int index) {
      this.kind = kind;
      this.name = name;
      this.index = index;
    }

    public Kind kind() {
      return kind;
    }

    /** The property or key name; null for an index. */
    public String name() {
      return name;
    }

    public int index() {
      return index;
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
