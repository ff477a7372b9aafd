package io.touchline.agent.instrument;

import io.touchline.agent.config.MethodPattern;
import io.touchline.agent.config.NamePattern;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** Byte Buddy matchers for the class and method patterns of agent.yaml. */
final class TypeMatchers {

  private TypeMatchers() {}

  static ElementMatcher.Junction<TypeDescription> forClass(NamePattern pattern) {
    if (pattern.isExact()) {
      return ElementMatchers.named(pattern.toString());
    }
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        return pattern.matches(type.getName());
      }
    };
  }

  /**
   * Methods with a body that the admin meant: never constructors, and never the bridge or
   * synthetic copies the compiler adds, which would otherwise record one call twice.
   */
  static ElementMatcher.Junction<MethodDescription> forMethod(MethodPattern pattern) {
    return ElementMatchers.<MethodDescription>isMethod()
        .and(ElementMatchers.not(ElementMatchers.isAbstract()))
        .and(ElementMatchers.not(ElementMatchers.isBridge()))
        .and(ElementMatchers.not(ElementMatchers.isSynthetic()))
        .and(
            new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
              @Override
              public boolean matches(MethodDescription method) {
                return pattern.name().matches(method.getInternalName())
                    && parametersMatch(pattern.parameterTypes(), method);
              }
            });
  }

  /** Parameter types as written in the config: fully qualified or simple names, arrays as {@code T[]}. */
  private static boolean parametersMatch(List<String> expected, MethodDescription method) {
    if (expected == null) {
      return true;
    }
    TypeList actual = method.getParameters().asTypeList().asErasures();
    if (actual.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      TypeDescription type = actual.get(i);
      String written = expected.get(i);
      if (!written.equals(type.getActualName()) && !written.equals(type.getSimpleName())) {
        return false;
      }
    }
    return true;
  }
}
