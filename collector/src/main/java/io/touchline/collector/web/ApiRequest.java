package io.touchline.collector.web;

import io.touchline.collector.config.Caller;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as the API's handlers see it, whatever server received it: who sent it, its method and
 * path, the parameters its route took from the path, and the query's parameters. The query is read
 * when a handler first asks for a parameter, so that a malformed query is a 400 only where
 * parameters count (the UI's files and {@code /metrics} ignore it). One request is handled by one
 * thread at a time.
 */
final class ApiRequest {

  private final Caller caller;
  private final String method;
  private final String path;
  private final Map<String, String> pathParameters;
  private final String rawQuery;
  private Map<String, List<String>> allValues;
  private Map<String, String> firstValues;

  /**
   * @param caller whom the request's token names; {@link Caller#ANONYMOUS} when the API asks for no
   *     token
   * @param rawQuery the query as sent, still percent-encoded; null when there is none
   */
  ApiRequest(
      Caller caller,
      String method,
      String path,
      Map<String, String> pathParameters,
      String rawQuery) {
    this.caller = caller;
    this.method = method;
    this.path = path;
    this.pathParameters = Map.copyOf(pathParameters);
    this.rawQuery = rawQuery;
  }

  /**
   * Whom the request came from, as its token names them: what audits record. The token was checked
   * before the handler runs, its scope included.
   */
  Caller caller() {
    return caller;
  }

  String method() {
    return method;
  }

  /** The path, percent-decoded. */
  String path() {
    return path;
  }

  /**
   * A parameter of the route's pattern, e.g. {@code id} of {@code /api/profiles/{id}}; null when it
   * has none such.
   */
  String pathParameter(String name) {
    return pathParameters.get(name);
  }

  /** The query as sent, still percent-encoded; null when there is none. */
  String rawQuery() {
    return rawQuery;
  }

  /**
   * Each query parameter's first value.
   *
   * @throws ApiException 400 when the query is malformed
   */
  Map<String, String> parameters() {
    if (firstValues == null) {
      Map<String, String> first = new LinkedHashMap<>();
      allValues().forEach((name, values) -> first.put(name, values.get(0)));
      firstValues = Collections.unmodifiableMap(first);
    }
    return firstValues;
  }

  /** A query parameter's first value; null when absent. */
  String parameter(String name) {
    return parameters().get(name);
  }

  /**
   * Every value of each query parameter, in the order given.
   *
   * @throws ApiException 400 when the query is malformed
   */
  Map<String, List<String>> allValues() {
    if (allValues == null) {
      allValues = Collections.unmodifiableMap(parse(rawQuery));
    }
    return allValues;
  }

  private static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "malformed query parameter '" + pair + "': " + e.getMessage());
      }
    }
    return params;
  }

  /**
   * Percent-decoding only: a {@code +} stays a plus, since e-mail keys such as {@code
   * ann+shop@example.com} are common and spaces in key values are not.
   */
  private static String decode(String component) {
    return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
