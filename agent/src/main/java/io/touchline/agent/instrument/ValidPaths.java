package io.touchline.agent.instrument;

import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.SelfMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the methods whose signature fits every path of the touchpoint. A method that does not is
 * left alone, with one warning naming the touchpoint, its place in the config, the method and the
 * path; the touchpoint's other methods, and every other touchpoint, work as configured.
 */
final class ValidPaths extends ElementMatcher.Junction.AbstractBase<MethodDescription> {

  private final TouchpointDefinition touchpoint;
  private final Map<String, Boolean> verdicts = new ConcurrentHashMap<>();

  ValidPaths(TouchpointDefinition touchpoint) {
    this.touchpoint = touchpoint;
  }

  @Override
  public boolean matches(MethodDescription method) {
    String id = method.getDeclaringType().getTypeName() + "." + method.toGenericString();
    boolean fits = verdicts.computeIfAbsent(id, key -> check(method));
    if (fits) {
      SelfMetrics.methodInstrumented(id); // last of the method matchers: this method is woven
    }
    return fits;
  }

  private boolean check(MethodDescription method) {
    String problem = PathCheck.firstProblem(touchpoint, method);
    if (problem != null) {
      AgentLog.warn(
          "touchpoint '"
              + touchpoint.name()
              + "' ("
              + touchpoint.location()
              + ") skipped for "
              + signature(method)
              + ": "
              + problem);
      return false;
    }
    return true;
  }

  static String signature(MethodDescription method) {
    StringBuilder text =
        new StringBuilder(method.getDeclaringType().getTypeName())
            .append('.')
            .append(method.getName())
            .append('(');
    List<String> types = new ArrayList<>();
    method
        .getParameters()
        .asTypeList()
        .asErasures()
        .forEach(type -> types.add(type.getActualName()));
    return text.append(String.join(", ", types)).append(')').toString();
  }
}
