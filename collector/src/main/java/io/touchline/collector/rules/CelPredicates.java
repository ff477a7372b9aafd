package io.touchline.collector.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.parser.CelUnparser;
import dev.cel.parser.CelUnparserFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles {@code where:} predicates with CEL, the expression language Kubernetes and Envoy use:
 * sandboxed (no I/O, no clock, no loops beyond the bounded macros), type-checked against the
 * variables below when the file loads, so a typo in a name is a load error rather than a rule that
 * never fires.
 *
 * <p>The variables, as the engine binds them for {@link WherePredicate#test}: the trigger
 * touchpoint and the profile as it stands at the trigger's event time. There is no {@code now}: a
 * decision must not depend on when it is computed (decisions are order independent).
 */
public final class CelPredicates {

  /** The trigger touchpoint's name. */
  public static final String TRIGGER_TOUCHPOINT = "trigger.touchpoint";

  /** Its channel. */
  public static final String TRIGGER_CHANNEL = "trigger.channel";

  /** The service that recorded it. */
  public static final String TRIGGER_SERVICE = "trigger.service";

  /** {@code success} or {@code error}. */
  public static final String TRIGGER_OUTCOME = "trigger.outcome";

  /** Its event time, a CEL timestamp (bound as a {@code java.time.Instant}). */
  public static final String TRIGGER_TIME = "trigger.time";

  /** Its attributes: String, Long, Double, Boolean or a List of them. */
  public static final String TRIGGER_ATTRIBUTES = "trigger.attributes";

  /** The key values it carries, by key type. */
  public static final String TRIGGER_KEYS = "trigger.keys";

  /** The profile's latest value of each attribute, as the analyst views' segments read them. */
  public static final String PROFILE_ATTRIBUTES = "profile.attributes";

  /** The profile's key values, by key type. */
  public static final String PROFILE_KEYS = "profile.keys";

  /** The variables a predicate may name, with their CEL types, in the order the docs list them. */
  public static final Map<String, CelType> VARIABLES = variables();

  /** A predicate is one line of intent, not a program: longer ones are refused at load. */
  static final int MAX_LENGTH = 4_096;

  /**
   * Iterations of one macro ({@code exists}, {@code all}, {@code map}, {@code filter}) at most: the
   * bound on one evaluation's cost CEL offers. Lists a predicate walks (key values, attribute
   * lists) are far shorter.
   */
  static final int MAX_ITERATIONS = 1_000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          // trigger.attributes["amount"] > 100.0 holds for an amount stored as a whole number too.
          .enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .maxExpressionCodePointSize(MAX_LENGTH)
          // Keeps the macros as written, so that the canonical form can print them back.
          .populateMacroCalls(true)
          .build();

  private final CelCompiler compiler;
  private final CelRuntime runtime;
  private final CelUnparser unparser = CelUnparserFactory.newUnparser();

  public CelPredicates() {
    CelCompilerBuilder builder =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            // has(), all(), exists(), exists_one(), map(), filter(): bounded by MAX_ITERATIONS.
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
    VARIABLES.forEach(builder::addVar);
    compiler = builder.build();
    runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
  }

  private static Map<String, CelType> variables() {
    Map<String, CelType> variables = new LinkedHashMap<>();
    MapType attributes = MapType.create(SimpleType.STRING, SimpleType.DYN);
    MapType keys = MapType.create(SimpleType.STRING, ListType.create(SimpleType.STRING));
    variables.put(TRIGGER_TOUCHPOINT, SimpleType.STRING);
    variables.put(TRIGGER_CHANNEL, SimpleType.STRING);
    variables.put(TRIGGER_SERVICE, SimpleType.STRING);
    variables.put(TRIGGER_OUTCOME, SimpleType.STRING);
    variables.put(TRIGGER_TIME, SimpleType.TIMESTAMP);
    variables.put(TRIGGER_ATTRIBUTES, attributes);
    variables.put(TRIGGER_KEYS, keys);
    variables.put(PROFILE_ATTRIBUTES, attributes);
    variables.put(PROFILE_KEYS, keys);
    return java.util.Collections.unmodifiableMap(variables);
  }

  /**
   * CEL's issues on one line each, with the column: a message must fit the line that names the file
   * and the field. An undeclared name lists the names there are.
   */
  private static String describe(List<CelIssue> issues) {
    StringBuilder message = new StringBuilder();
    boolean undeclared = false;
    for (CelIssue issue : issues) {
      message
          .append(message.length() == 0 ? "" : "; ")
          .append("column ")
          .append(issue.getSourceLocation().getColumn() + 1)
          .append(": ")
          .append(issue.getMessage());
      undeclared |= issue.getMessage().startsWith("undeclared reference");
    }
    if (undeclared) {
      message
          .append(" (the variables are ")
          .append(String.join(", ", VARIABLES.keySet()))
          .append(')');
    }
    return message.toString();
  }

  /**
   * Parses and type-checks {@code expression}.
   *
   * @throws IllegalArgumentException with CEL's message and the place in the expression
   */
  public WherePredicate compile(String expression) {
    if (expression.codePointCount(0, expression.length()) > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "is " + expression.length() + " characters, over " + MAX_LENGTH);
    }
    CelValidationResult result = compiler.compile(expression);
    if (result.hasError()) {
      throw new IllegalArgumentException(
          "not a valid CEL predicate: " + describe(result.getErrors()));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException("not a valid CEL predicate: " + e.getMessage(), e);
    }
    CelType type = ast.getResultType();
    if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
      throw new IllegalArgumentException(
          "must be true or false, but gives a value of type "
              + type.name()
              + " (compare it, e.g. "
              + expression.strip()
              + " == ...)");
    }
    try {
      return new WherePredicate(expression, unparser.unparse(ast), runtime.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("cannot be evaluated: " + e.getMessage(), e);
    }
  }
}
