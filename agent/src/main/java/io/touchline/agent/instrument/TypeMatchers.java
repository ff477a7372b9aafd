package io.touchline.agent.instrument;

import io.touchline.agent.config.MethodPattern;
import io.touchline.agent.config.NamePattern;
import io.touchline.agent.config.TouchpointDefinition;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** Byte Buddy matchers for the class and method patterns of agent.yaml. */
final class TypeMatchers {

  private TypeMatchers() {}

  /** Every class selector the touchpoint gives must hold: name, supertype, annotation. */
  static ElementMatcher.Junction<TypeDescription> forTouchpoint(TouchpointDefinition touchpoint) {
    ElementMatcher.Junction<TypeDescription> matcher = ElementMatchers.any();
    // Cheapest first: a name test needs no look-up of the class's hierarchy.
    if (touchpoint.classPattern() != null) {
      matcher = matcher.and(forClass(touchpoint.classPattern()));
    }
    if (touchpoint.annotatedWith() != null) {
      matcher =
          matcher.and(
              ElementMatchers.inheritsAnnotation(
                  ElementMatchers.named(touchpoint.annotatedWith())));
    }
    if (touchpoint.subtypeOf() != null) {
      matcher =
          matcher.and(ElementMatchers.hasSuperType(ElementMatchers.named(touchpoint.subtypeOf())));
    }
    return matcher;
  }

  /** The touchpoint's methods: by name and parameters, and by annotation when one is given. */
  static ElementMatcher.Junction<MethodDescription> forMethods(TouchpointDefinition touchpoint) {
    ElementMatcher.Junction<MethodDescription> matcher = forMethod(touchpoint.methodPattern());
    if (touchpoint.methodAnnotatedWith() != null) {
      matcher =
          matcher.and(
              ElementMatchers.isAnnotatedWith(
                  ElementMatchers.named(touchpoint.methodAnnotatedWith())));
    }
    return matcher;
  }

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
   * Methods with a body that the admin meant: never constructors, and never the bridge or synthetic
   * copies the compiler adds, which would otherwise record one call twice.
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

  /**
   * Parameter types as written in the config: fully qualified or simple names, arrays as {@code
   * T[]}.
   */
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
