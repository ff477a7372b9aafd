package io.touchline.agent.capture;

import java.lang.reflect.Method;

/**
 * Tells whether a class is a record. The agent is compiled for Java 8, which has no {@code
 * Class.isRecord()}; on Java 16+ it is looked up once and called reflectively.
 */
final class RecordSupport {

  private static final Method IS_RECORD = lookup();

  private RecordSupport() {}

  static boolean isRecord(Class<?> type) {
    if (IS_RECORD == null) {
      return false;
    }
    try {
      return (Boolean) IS_RECORD.invoke(type);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static Method lookup() {
    try {
      return Class.class.getMethod("isRecord");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
