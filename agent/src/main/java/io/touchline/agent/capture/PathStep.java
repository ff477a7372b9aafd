package io.touchline.agent.capture;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

/** One step of a path, applied to a non-null value; every step yields null rather than throw. */
abstract class PathStep {

  abstract Object apply(Object value);

  abstract PathExpression.Step view();

  /** {@code .name}: a Map key, a getter, a record component or a field. */
  static final class Property extends PathStep {
    private final String name;
    // The accessor is resolved once per (step, runtime class), not looked up on every call.
    private final ClassValue<PropertyAccessor> accessors =
        new ClassValue<PropertyAccessor>() {
          @Override
          protected PropertyAccessor computeValue(Class<?> type) {
            return PropertyAccessor.resolve(type, name);
          }
        };

    Property(String name) {
      this.name = name;
    }

    @Override
    Object apply(Object value) {
      if (value instanceof Map) {
        return ((Map<?, ?>) value).get(name);
      }
      return accessors.get(value.getClass()).read(value);
    }

    @Override
    PathExpression.Step view() {
      return new PathExpression.Step(PathExpression.Step.Kind.PROPERTY, name, -1);
    }
  }

  /** {@code [N]}: an element of a List or an array. */
  static final class Index extends PathStep {
    private final int index;

    Index(int index) {
      this.index = index;
    }

    @Override
    Object apply(Object value) {
      if (value instanceof List) {
        List<?> list = (List<?>) value;
        return index < list.size() ? list.get(index) : null;
      }
      if (value.getClass().isArray()) {
        return index < Array.getLength(value) ? Array.get(value, index) : null;
      }
      return null;
    }

    @Override
    PathExpression.Step view() {
      return new PathExpression.Step(PathExpression.Step.Kind.INDEX, null, index);
    }
  }

  /** {@code ["key"]}: a Map entry, or a property whose name is not a Java identifier-safe word. */
  static final class Key extends PathStep {
    private final String key;
    private final Property asProperty;

    Key(String key) {
      this.key = key;
      this.asProperty = new Property(key);
    }

    @Override
    Object apply(Object value) {
      if (value instanceof Map) {
        return ((Map<?, ?>) value).get(key);
      }
      return asProperty.apply(value);
    }

    @Override
    PathExpression.Step view() {
      return new PathExpression.Step(PathExpression.Step.Kind.KEY, key, -1);
    }
  }
}
