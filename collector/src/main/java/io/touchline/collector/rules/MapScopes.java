package io.touchline.collector.rules;

import com.github.mustachejava.reflect.SimpleObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.util.List;
import java.util.Map;

/**
 * How a template finds a name: in maps only, never by calling a method or reading a field of an
 * object (a template is a file an admin edits, not code), and with dotted names whole where a map
 * holds them whole: {@code trigger.attributes.payment.amount} is the attribute {@code
 * payment.amount}, which Mustache's own lookup would read as {@code payment}, then {@code amount}.
 */
final class MapScopes extends SimpleObjectHandler {

  private static final Object NOT_THERE = new Object();

  @Override
  public Wrapper find(String name, List<Object> ignored) {
    return scopes -> {
      if (name.equals(".")) {
        return scopes.isEmpty() ? null : scopes.get(scopes.size() - 1);
      }
      for (int i = scopes.size() - 1; i >= 0; i--) {
        Object found = lookup(scopes.get(i), name);
        if (found != NOT_THERE) {
          return found;
        }
      }
      return null;
    };
  }

  /** The whole name as a key first, then each shorter head with the rest looked up inside it. */
  private static Object lookup(Object scope, String name) {
    if (!(scope instanceof Map<?, ?> map)) {
      return NOT_THERE;
    }
    if (map.containsKey(name)) {
      return map.get(name);
    }
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      String head = name.substring(0, dot);
      if (map.containsKey(head)) {
        Object found = lookup(map.get(head), name.substring(dot + 1));
        if (found != NOT_THERE) {
          return found;
        }
      }
    }
    return NOT_THERE;
  }
}
