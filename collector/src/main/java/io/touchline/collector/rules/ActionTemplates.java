package io.touchline.collector.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.NotIterableCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * Compiles action templates and checks them as far as can be done before any customer exists: the
 * syntax, the names ({@link ActionTemplate#ROOTS}), no unescaped value, no partial, and that the
 * result is JSON (a body) or a URL path (a path) with every value filled in as {@code 0}.
 */
final class ActionTemplates {

  /** Bodies are requests to a channel system, not documents. */
  static final int MAX_LENGTH = 65_536;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DefaultMustacheFactory json =
      new Factory() {
        @Override
        public void encode(String value, Writer writer) {
          try {
            writer.write(JsonStringEncoder.getInstance().quoteAsString(value));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final DefaultMustacheFactory urlPath =
      new Factory() {
        @Override
        public void encode(String value, Writer writer) {
          try {
            // A value is one path segment: a slash or a question mark in it is escaped too.
            writer.write(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  /**
   * A JSON body.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  ActionTemplate body(String text) {
    ActionTemplate template = compile(json, text);
    String sample = template.render(Sample.INSTANCE);
    try {
      JSON.readTree(sample);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "is not JSON once filled in (each value as 0): "
              + e.getOriginalMessage()
              + " in "
              + sample);
    }
    return template;
  }

  /**
   * A path appended to a target's URL.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  ActionTemplate path(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("must start with /, was '" + text + "'");
    }
    ActionTemplate template = compile(urlPath, text);
    String sample = template.render(Sample.INSTANCE);
    try {
      URI uri = new URI("http://host" + sample);
      if (uri.getRawFragment() != null) {
        throw new IllegalArgumentException("must not hold a fragment (#), was '" + text + "'");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL path once filled in: " + e.getMessage());
    }
    return template;
  }

  private static ActionTemplate compile(DefaultMustacheFactory factory, String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("is " + text.length() + " characters, over " + MAX_LENGTH);
    }
    Mustache mustache;
    try {
      mustache = factory.compile(new StringReader(text), "template");
    } catch (MustacheException e) {
      // Mustache ends its message with " @[template:LINE]"; the line of the file says where.
      String message = e.getMessage().replaceFirst("\\s*@\\[template:\\d+]$", "");
      boolean multiLine = text.indexOf('\n') >= 0 && e.getContext() != null;
      throw new IllegalArgumentException(
          "not a valid template: "
              + message
              + (multiLine ? " (line " + e.getContext().line() + " of the template)" : ""));
    }
    checkNames(mustache);
    return new ActionTemplate(text, mustache);
  }

  /**
   * The names outside any section must start from a root; inside a section a name may also be one
   * of the section's own value, so only the outermost names are checked.
   */
  private static void checkNames(Mustache mustache) {
    for (Code code : mustache.getCodes()) {
      if (code instanceof ValueCode
          || code instanceof IterableCode
          || code instanceof NotIterableCode) {
        String name = code.getName();
        String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (!ActionTemplate.ROOTS.contains(root)) {
          throw new IllegalArgumentException(
              "{{"
                  + name
                  + "}} names nothing a template is given; names start with one of "
                  + String.join(", ", ActionTemplate.ROOTS)
                  + " (e.g. {{keys.customer_id}}, {{trigger.attributes.payment.amount}})");
        }
      }
    }
  }

  /** Mustache as far as it stays a template: no partials, no unescaped values. */
  private abstract static class Factory extends DefaultMustacheFactory {

    Factory() {
      setObjectHandler(new MapScopes());
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
      return new DefaultMustacheVisitor(this) {
        @Override
        public void value(TemplateContext tc, String variable, boolean encoded) {
          if (!encoded) {
            throw new MustacheException(
                "{{{"
                    + variable
                    + "}}} or {{&"
                    + variable
                    + "}} would put a value in unescaped; write {{"
                    + variable
                    + "}}",
                tc);
          }
          super.value(tc, variable, true);
        }

        @Override
        public void partial(TemplateContext tc, String variable, String indent) {
          throw new MustacheException("partials ({{>" + variable + "}}) are not taken", tc);
        }

        @Override
        public void dynamicPartial(TemplateContext tc, String variable, String indent) {
          throw new MustacheException("partials ({{>*" + variable + "}}) are not taken", tc);
        }

        @Override
        public void extend(TemplateContext tc, String variable, Mustache mustache) {
          throw new MustacheException("{{<" + variable + "}} is not taken", tc);
        }
      };
    }
  }

  /** A context that holds every name, as {@code 0}: a number and a string's content alike. */
  private static final class Sample extends AbstractMap<String, Object> {
    static final Sample INSTANCE = new Sample();

    @Override
    public boolean containsKey(Object key) {
      return true;
    }

    @Override
    public Object get(Object key) {
      return "0";
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return Set.of();
    }
  }
}
