package io.touchline.agent.cli;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.instrument.TouchpointMatch;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

/**
 * What each touchpoint matches on a class path, read from the class files without loading them: the
 * classes and methods (every overload), the paths that cannot fit a method, and touchpoints that
 * match nothing or suspiciously much. The class path may hold folders, jars, Spring Boot executable
 * jars and WARs ({@link ClassPath}).
 */
final class MatchReport {

  /** More methods than this for one touchpoint is worth a second look at its patterns. */
  static final int TOO_MANY_METHODS = 50;

  private final AgentConfig config;
  private final List<String> classpath;

  MatchReport(AgentConfig config, List<String> classpath) {
    this.config = config;
    this.classpath = classpath;
  }

  /** Prints the report; false when a path cannot fit a matched method. */
  boolean print(PrintStream out) throws IOException {
    ClassPath classPath = ClassPath.of(this.classpath);
    try {
      return print(out, classPath.classNames(), TypePool.Default.of(classPath.locator()));
    } finally {
      classPath.close();
    }
  }

  private boolean print(PrintStream out, TreeSet<String> classNames, TypePool pool) {
    boolean allPathsFit = true;
    for (TouchpointDefinition touchpoint : config.touchpoints()) {
      TouchpointMatch match = new TouchpointMatch(touchpoint);
      List<String> lines = new ArrayList<>();
      int methods = 0;
      for (String className : classNames) {
        TypeDescription type;
        try {
          type = pool.describe(className).resolve();
          if (!match.matchesType(type)) {
            continue;
          }
        } catch (RuntimeException e) {
          continue; // a class whose hierarchy is not on this class path
        }
        List<TouchpointMatch.MethodVerdict> verdicts;
        try {
          verdicts = match.methods(type);
        } catch (RuntimeException e) {
          // A method whose parameter or return types are not on this class path.
          lines.add(
              "  "
                  + className
                  + "  SKIPPED: its methods cannot be read ("
                  + e.getMessage()
                  + "); add the jars it uses to --classpath");
          continue;
        }
        for (TouchpointMatch.MethodVerdict verdict : verdicts) {
          methods++;
          if (verdict.problem() == null) {
            lines.add("  " + verdict.signature());
          } else {
            allPathsFit = false;
            lines.add("  " + verdict.signature() + "  SKIPPED: " + verdict.problem());
          }
        }
      }
      out.println(
          "touchpoint '"
              + touchpoint.name()
              + "' ("
              + touchpoint.location()
              + "): "
              + methods
              + " method(s)");
      lines.forEach(out::println);
      if (methods == 0) {
        out.println("  WARNING: matches nothing on this class path");
      } else if (methods > TOO_MANY_METHODS) {
        out.println(
            "  WARNING: matches " + methods + " methods; is the pattern broader than meant?");
      }
    }
    return allPathsFit;
  }
}
