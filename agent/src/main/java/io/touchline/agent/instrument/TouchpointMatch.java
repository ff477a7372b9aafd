package io.touchline.agent.instrument;

import io.touchline.agent.config.TouchpointDefinition;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The same matching the agent does at run time, for the offline {@code check} command: which types
 * and methods a touchpoint selects, and whether its paths fit each method.
 */
public final class TouchpointMatch {

  private final TouchpointDefinition touchpoint;
  private final ElementMatcher<TypeDescription> types;
  private final ElementMatcher<MethodDescription> methods;

  public TouchpointMatch(TouchpointDefinition touchpoint) {
    this.touchpoint = touchpoint;
    this.types = TypeMatchers.forTouchpoint(touchpoint);
    this.methods = TypeMatchers.forMethods(touchpoint);
  }

  public boolean matchesType(TypeDescription type) {
    return types.matches(type);
  }

  /** The type's methods the touchpoint selects, each with the first path that cannot fit it. */
  public List<MethodVerdict> methods(TypeDescription type) {
    List<MethodVerdict> verdicts = new ArrayList<>();
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (methods.matches(method)) {
        verdicts.add(
            new MethodVerdict(
                ValidPaths.signature(method), PathCheck.firstProblem(touchpoint, method)));
      }
    }
    return verdicts;
  }

  /** One selected method, and why the touchpoint would skip it (null when it would not). */
  public static final class MethodVerdict {
    private final String signature;
    private final String problem;

    MethodVerdict(String signature, String problem) {
      this.signature = signature;
      this.problem = problem;
    }

    public String signature() {
      return signature;
    }

    public String problem() {
      return problem;
    }
  }
}
