package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks one entry of {@code targets} and resolves its secrets from the environment. */
final class TargetCompiler {

  static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "GET", "DELETE");
  static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_CONCURRENCY = 256;
  static final double MAX_RATE = 100_000;

  /**
   * Headers Touchline sets itself on every action (docs/rules.md, "Delivery"), or that the HTTP
   * client owns: a target may not set them.
   */
  static final Set<String> RESERVED_HEADERS =
      Set.of(
          "idempotency-key",
          "x-touchline-rule",
          "x-touchline-signature",
          "x-touchline-timestamp",
          "content-length",
          "host",
          "connection",
          "transfer-encoding",
          "expect",
          "upgrade");

  static final String CONTENT_TYPE = "Content-Type";

  /** What a body is, unless a target says otherwise. */
  static final String JSON = "application/json";

  /** An HTTP header name (RFC 9110's token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final EnvironmentValues environment;
  private final Problems problems;

  TargetCompiler(EnvironmentValues environment, Problems problems) {
    this.environment = environment;
    this.problems = problems;
  }

  /** The target, or null when something in it is wrong (each mistake is in the problems). */
  Target compile(String name, RulesYaml.Target yaml, FieldPath path) {
    int before = problems.count();
    problems.read(path, () -> Names.check("a target", name));
    if (yaml == null) {
      problems.add(path, "required: the target's url at least");
      return null;
    }
    URI url = null;
    if (problems.required(
        path.field("url"), yaml.url(), "where requests go, http:// or https://")) {
      url = problems.read(path.field("url"), () -> url(environment.substitute(yaml.url())));
    }
    String method =
        yaml.method() == null
            ? Target.DEFAULT_METHOD
            : problems.read(path.field("method"), () -> method(yaml.method()));
    Map<String, String> headers = headers(yaml.headers(), path.field("headers"));
    if (headers.keySet().stream().noneMatch(header -> header.equalsIgnoreCase(CONTENT_TYPE))) {
      headers.put(CONTENT_TYPE, JSON);
    }
    Optional<String> secretEnv = Optional.ofNullable(yaml.secretEnv()).map(String::trim);
    Optional<String> secret =
        secretEnv.map(env -> problems.read(path.field("secretEnv"), () -> environment.secret(env)));
    Duration timeout =
        yaml.timeout() == null
            ? Target.DEFAULT_TIMEOUT
            : problems.read(path.field("timeout"), () -> timeout(yaml.timeout()));
    int concurrency = yaml.concurrency() == null ? Target.DEFAULT_CONCURRENCY : yaml.concurrency();
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      problems.add(
          path.field("concurrency"),
          "must be between 1 and " + MAX_CONCURRENCY + ", was " + concurrency);
    }
    OptionalDouble rate = OptionalDouble.empty();
    if (yaml.ratePerSecond() != null) {
      double value = yaml.ratePerSecond();
      if (!(value > 0) || value > MAX_RATE) {
        problems.add(
            path.field("ratePerSecond"),
            "must be more than 0 and at most " + (long) MAX_RATE + ", was " + value);
      }
      rate = OptionalDouble.of(value);
    }
    if (problems.count() > before) {
      return null;
    }
    return new Target(name, url, method, headers, secretEnv, secret, timeout, concurrency, rate);
  }

  private static URI url(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "must be an http:// or https:// URL, was '" + text.trim() + "'");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("must name a host, was '" + text.trim() + "'");
    }
    if (uri.getRawUserInfo() != null) {
      // It would be logged with the URL; credentials belong in a header read from ${ENV}.
      throw new IllegalArgumentException(
          "must not hold a user or password; send credentials in a header, e.g. Authorization:"
              + " Bearer ${TOKEN}");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not hold a fragment (#...)");
    }
    return uri;
  }

  private static String method(String text) {
    String method = text.trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(
          "must be POST, PUT, PATCH, GET or DELETE, was '" + text + "'");
    }
    return method;
  }

  private static Duration timeout(String text) {
    Duration timeout = Durations.parse("timeout", text);
    if (timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      throw new IllegalArgumentException("must be 5m at most, was '" + text + "'");
    }
    return timeout;
  }

  private Map<String, String> headers(Map<String, String> yaml, FieldPath path) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (yaml == null) {
      return headers;
    }
    yaml.forEach(
        (name, value) -> {
          FieldPath field = path.field(name);
          if (!HEADER_NAME.matcher(name).matches()) {
            problems.add(field, "not an HTTP header name");
          } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            problems.add(field, "is set by Touchline on every request; a target cannot set it");
          } else if (value == null) {
            problems.add(field, "required: the header's value");
          } else {
            String resolved = problems.read(field, () -> environment.substitute(value));
            if (resolved != null && (resolved.indexOf('\r') >= 0 || resolved.indexOf('\n') >= 0)) {
              problems.add(field, "must not hold a line break");
            } else if (resolved != null) {
              headers.put(name, resolved);
            }
          }
        });
    return headers;
  }
}
