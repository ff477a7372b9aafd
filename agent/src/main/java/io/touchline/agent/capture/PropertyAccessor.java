package io.touchline.agent.capture;

import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.SelfMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;

/**
 * Reads one named property of one class: a getter ({@code getName}, {@code isName}), a record
 * component ({@code name()}), or a field (private too). Resolved once per class; reading never
 * throws into the host application.
 */
abstract class PropertyAccessor {

  static final PropertyAccessor NONE =
      new PropertyAccessor() {
        @Override
        Object read(Object target) {
          return null;
        }
      };

  abstract Object read(Object target);

  static PropertyAccessor resolve(Class<?> type, String name) {
    try {
      Method getter = findGetter(type, name);
      if (getter != null) {
        return new ForMethod(getter);
      }
      Field field = findField(type, name);
      if (field != null) {
        return new ForField(field);
      }
    } catch (RuntimeException | LinkageError e) {
      // e.g. InaccessibleObjectException for a JDK-internal class on Java 9+.
      AgentLog.debug("cannot read property '" + name + "' of " + type.getName() + ": " + e);
      return NONE;
    }
    AgentLog.debug("no property '" + name + "' on " + type.getName());
    return NONE;
  }

  private static Method findGetter(Class<?> type, String name) {
    String capitalized = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    Method method = publicNoArg(type, "get" + capitalized);
    if (method == null) {
      method = publicNoArg(type, "is" + capitalized);
      if (method != null
          && method.getReturnType() != boolean.class
          && method.getReturnType() != Boolean.class) {
        method = null;
      }
    }
    if (method == null && RecordSupport.isRecord(type)) {
      method = publicNoArg(type, name);
    }
    if (method != null && method.getReturnType() != void.class) {
      makeAccessible(method);
      return method;
    }
    return null;
  }

  private static Method publicNoArg(Class<?> type, String methodName) {
    try {
      Method method = type.getMethod(methodName);
      return Modifier.isStatic(method.getModifiers()) ? null : method;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Field findField(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        if (!Modifier.isStatic(field.getModifiers())) {
          makeAccessible(field);
          return field;
        }
      } catch (NoSuchFieldException e) {
        // look further up
      }
    }
    return null;
  }

  private static void makeAccessible(java.lang.reflect.AccessibleObject member) {
    // A public getter on a package-private class still needs this to be invoked reflectively.
    member.setAccessible(true);
  }

  private static final class ForMethod extends PropertyAccessor {
    private final Method method;

    ForMethod(Method method) {
      this.method = method;
    }

    @Override
    Object read(Object target) {
      try {
        return method.invoke(target);
      } catch (Throwable e) {
        SelfMetrics.captureFailed();
        return null;
      }
    }
  }

  private static final class ForField extends PropertyAccessor {
    private final Field field;

    ForField(Field field) {
      this.field = field;
    }

    @Override
    Object read(Object target) {
      try {
        return field.get(target);
      } catch (Throwable e) {
        SelfMetrics.captureFailed();
        return null;
      }
    }
  }
}
