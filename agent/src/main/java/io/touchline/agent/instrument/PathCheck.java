package io.touchline.agent.instrument;

import io.touchline.agent.capture.PathExpression;
import io.touchline.agent.config.TouchpointDefinition;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Checks a path against the declared types of the method it will read, when the method's class is
 * matched: an argument index past the parameters, {@code this} in a static method, {@code return}
 * of a void method, or a property the declared type cannot have. Where a subclass could still have
 * the property at run time (an open class, an interface, a map), the check stops and trusts it.
 */
final class PathCheck {

  private PathCheck() {}

  /**
   * The first path of the touchpoint that cannot fit the method, as {@code path 'p': why}; or null.
   */
  static String firstProblem(TouchpointDefinition touchpoint, MethodDescription method) {
    for (List<PathExpression> keyPaths : touchpoint.capture().keys().values()) {
      for (PathExpression path : keyPaths) {
        String problem = problem(path, method);
        if (problem != null) {
          return "path '" + path + "': " + problem;
        }
      }
    }
    for (PathExpression path : touchpoint.capture().attributes().values()) {
      String problem = problem(path, method);
      if (problem != null) {
        return "path '" + path + "': " + problem;
      }
    }
    return null;
  }

  /** What is wrong with the path for this method, or null when nothing provably is. */
  static String problem(PathExpression path, MethodDescription method) {
    TypeDescription type;
    switch (path.rootKind()) {
      case ARGUMENT:
        int count = method.getParameters().size();
        if (path.argumentIndex() >= count) {
          return "args[" + path.argumentIndex() + "] but the method has " + count + " parameter(s)";
        }
        type = method.getParameters().get(path.argumentIndex()).getType().asErasure();
        break;
      case THIS:
        if (method.isStatic()) {
          return "this in a static method";
        }
        type = method.getDeclaringType().asErasure();
        break;
      case RETURN:
        if (method.getReturnType().represents(void.class)) {
          return "return of a method that returns nothing";
        }
        type = method.getReturnType().asErasure();
        if (type.isAssignableTo(CompletionStage.class)) {
          // A future: the path reads the value it completes with, when the declaration says which.
          TypeDescription.Generic declared = method.getReturnType();
          if (declared.getSort() != TypeDefinition.Sort.PARAMETERIZED
              || declared.getTypeArguments().size() != 1
              || declared.getTypeArguments().get(0).getSort() == TypeDefinition.Sort.WILDCARD
              || declared.getTypeArguments().get(0).getSort() == TypeDefinition.Sort.VARIABLE) {
            return null;
          }
          type = declared.getTypeArguments().get(0).asErasure();
        }
        break;
      default:
        return null; // thrown: any exception type may be thrown
    }
    for (PathExpression.Step step : path.steps()) {
      if (type.isPrimitive()) {
        return "'" + stepText(step) + "' on a value of primitive type " + type.getActualName();
      }
      if (type.isArray()) {
        if (step.kind() != PathExpression.Step.Kind.INDEX) {
          return "'" + stepText(step) + "' on an array; use [N]";
        }
        type = type.getComponentType();
        continue;
      }
      if (step.kind() == PathExpression.Step.Kind.INDEX || type.isAssignableTo(Map.class)) {
        return null; // lists and maps: element types are not checked
      }
      TypeDescription member = memberType(type, step.name());
      if (member != null) {
        type = member;
      } else if (isClosed(type)) {
        return "no property '" + step.name() + "' on " + type.getActualName();
      } else {
        return null; // a subclass may have it
      }
    }
    return null;
  }

  /** The type of a getter, record accessor or field of that name, searching up the hierarchy. */
  private static TypeDescription memberType(TypeDescription type, String name) {
    String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    for (TypeDefinition current = type; current != null; current = current.getSuperClass()) {
      for (MethodDescription.InDefinedShape method : current.asErasure().getDeclaredMethods()) {
        if (method.getParameters().isEmpty()
            && !method.isStatic()
            && !method.getReturnType().represents(void.class)
            && (method.getName().equals("get" + capitalized)
                || method.getName().equals("is" + capitalized)
                || (method.getName().equals(name) && current.asErasure().isRecord()))) {
          return method.getReturnType().asErasure();
        }
      }
      for (FieldDescription.InDefinedShape field : current.asErasure().getDeclaredFields()) {
        if (field.getName().equals(name) && !field.isStatic()) {
          return field.getType().asErasure();
        }
      }
      for (TypeDescription.Generic implemented : current.getInterfaces()) {
        TypeDescription found = memberType(implemented.asErasure(), name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** No subclass can add a property: a final class, a record, an enum, or a JDK class. */
  private static boolean isClosed(TypeDescription type) {
    return !type.isInterface()
        && !type.represents(Object.class)
        && (type.isFinal()
            || type.isRecord()
            || type.isEnum()
            || type.getName().startsWith("java."));
  }

  private static String stepText(PathExpression.Step step) {
    switch (step.kind()) {
      case PROPERTY:
        return "." + step.name();
      case INDEX:
        return "[" + step.index() + "]";
      default:
        return "[\"" + step.name() + "\"]";
    }
  }
}
