package io.touchline.collector.rules;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * An action's body or path: a Mustache template compiled when the file loads, whose every value is
 * escaped for where it goes (a JSON string's content for a body, a URL path segment for a path), so
 * that a customer's data can never change the request's structure. Thread-safe.
 *
 * <p>What a template may name (the engine fills it in; see docs/rules.md): {@code keys.<type>},
 * {@code trigger.touchpoint}, {@code trigger.channel}, {@code trigger.service}, {@code
 * trigger.outcome}, {@code trigger.time}, {@code trigger.attributes.<name>}, {@code
 * trigger.keys.<type>}, {@code profile.id}, {@code profile.attributes.<name>}, {@code rule.name},
 * {@code rule.version}, {@code decision.id}. Names may hold dots ({@code payment.amount}).
 */
public final class ActionTemplate {

  /** The names a template starts from; anything else is a typo, refused at load. */
  public static final List<String> ROOTS =
      List.of("keys", "trigger", "profile", "rule", "decision");

  private final String text;
  private final Mustache mustache;

  ActionTemplate(String text, Mustache mustache) {
    this.text = text;
    this.mustache = mustache;
  }

  /** As written in the file. */
  public String text() {
    return text;
  }

  /**
   * Fills the template in.
   *
   * @param context nested maps: {@code {"keys": {"customer_id": "C-1001"}, "trigger": {...}}}; a
   *     name that is not there is left empty
   */
  public String render(Map<String, Object> context) {
    StringWriter out = new StringWriter();
    mustache.execute(out, context);
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
