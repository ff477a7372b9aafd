package io.touchline.collector.rules;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where actions go: a channel system's HTTP endpoint, as the {@code targets} section names it. The
 * secrets in it ({@code ${ENV}} in headers, the HMAC secret) were read from the environment when
 * the file loaded; {@link #toString} never shows them.
 *
 * @param name the name rules give in {@code action.target}
 * @param url where requests go; an action's {@code path} is appended
 * @param method the HTTP method
 * @param headers sent with every request, values resolved; {@code Content-Type} is {@code
 *     application/json} unless the file says otherwise
 * @param secretEnv the environment variable the HMAC secret was read from, if any
 * @param secret the HMAC-SHA256 secret the body is signed with, if any
 * @param timeout for one request
 * @param concurrency requests under way at once
 * @param ratePerSecond requests started per second at most; empty for no such limit
 */
public record Target(
    String name,
    URI url,
    String method,
    Map<String, String> headers,
    Optional<String> secretEnv,
    Optional<String> secret,
    Duration timeout,
    int concurrency,
    OptionalDouble ratePerSecond) {

  public static final String DEFAULT_METHOD = "POST";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_CONCURRENCY = 4;

  public Target {
    headers = Map.copyOf(headers);
  }

  /** Shows where and how, never a header's value or the secret. */
  @Override
  public String toString() {
    return name
        + ": "
        + method
        + " "
        + url
        + (headers.isEmpty() ? "" : " headers " + headers.keySet())
        + secretEnv.map(env -> " signed with $" + env).orElse("")
        + " timeout "
        + timeout.toSeconds()
        + "s concurrency "
        + concurrency
        + (ratePerSecond.isPresent() ? " rate " + ratePerSecond.getAsDouble() + "/s" : "");
  }
}
