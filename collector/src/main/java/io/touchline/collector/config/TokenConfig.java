package io.touchline.collector.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One token under {@code auth.tokens} (the shorthand {@code auth.ingestToken} and {@code
 * auth.apiToken} become ones too, see {@link CollectorConfig.Auth#all()}).
 *
 * @param name what audits and the log record of a request that carried the token: 1 to 64 letters,
 *     digits, {@code .}, {@code _} or {@code -}
 * @param token the secret, at least 16 characters; {@code ${ENV_VAR}} reads it from the environment
 * @param scopes what the token lets its holder do: {@code ingest}, {@code read}, {@code erase} (see
 *     {@link Scope})
 */
public record TokenConfig(String name, String token, List<String> scopes) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Names that stand for no token in audits, so no token may take them. */
  private static final Set<String> RESERVED =
      Set.of(Caller.ANONYMOUS.name(), Caller.UNIDENTIFIED.name());

  /**
   * The scopes, as values; the list has been checked when this came through {@link
   * CollectorConfig.Auth}.
   */
  public Set<Scope> scopeSet() {
    Set<Scope> set = EnumSet.noneOf(Scope.class);
    scopes.forEach(label -> Scope.named(label).ifPresent(set::add));
    return set;
  }

  /** Never the secret: a config may end up in a log or a stack trace. */
  @Override
  public String toString() {
    return name + scopes;
  }

  /**
   * Checks {@code auth.tokens} entry by entry, each error naming its field (e.g. {@code
   * auth.tokens[2].scopes[0]}); the tokens with their secrets read from the environment.
   */
  static List<TokenConfig> checkList(
      List<TokenConfig> tokens, String ingestToken, String apiToken) {
    if (tokens == null) {
      return List.of();
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> secrets = new HashMap<>();
    if (ingestToken != null) {
      names.put(CollectorConfig.Auth.INGEST_TOKEN_NAME, "auth.ingestToken");
      secrets.put(ingestToken, "auth.ingestToken");
    }
    if (apiToken != null) {
      names.put(CollectorConfig.Auth.API_TOKEN_NAME, "auth.apiToken");
      secrets.put(apiToken, "auth.apiToken");
    }
    List<TokenConfig> checked = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String field = "auth.tokens[" + i + "]";
      TokenConfig entry = tokens.get(i);
      if (entry == null) {
        throw new InvalidFieldException(field, "expected a token: name, token and scopes");
      }
      String name = checkName(field + ".name", entry.name());
      String known = names.putIfAbsent(name, field);
      if (known != null) {
        throw new InvalidFieldException(
            field + ".name",
            "'"
                + name
                + "' already names "
                + known
                + (known.startsWith("auth.tokens") ? "" : " (its shorthand's name)")
                + "; every token needs a name of its own");
      }
      if (entry.token() == null) {
        throw new InvalidFieldException(
            field + ".token",
            "missing: the token itself, at least 16 characters (or ${ENV_VAR} to read it from"
                + " the environment)");
      }
      String secret = Secrets.resolve(field + ".token", entry.token());
      String same = secrets.putIfAbsent(secret, field);
      if (same != null) {
        // Which token a request carried must be clear: that is what its name is for.
        throw new InvalidFieldException(
            field + ".token", "is the same token as " + same + "; every token must differ");
      }
      checked.add(new TokenConfig(name, secret, checkScopes(field + ".scopes", entry.scopes())));
    }
    return List.copyOf(checked);
  }

  private static String checkName(String field, String name) {
    if (name == null) {
      throw new InvalidFieldException(
          field, "missing: what audits and the log call the token, e.g. shop-agents");
    }
    if (!NAME.matcher(name).matches()) {
      throw new InvalidFieldException(
          field,
          "must be 1 to 64 letters, digits, '.', '_' or '-' (it goes into audits and the log),"
              + " was '"
              + name
              + "'");
    }
    if (RESERVED.contains(name)) {
      throw new InvalidFieldException(
          field, "'" + name + "' is reserved: audits record it for requests that carry no token");
    }
    return name;
  }

  private static List<String> checkScopes(String field, List<String> scopes) {
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidFieldException(field, "list at least one of " + Scope.labels());
    }
    Set<Scope> seen = EnumSet.noneOf(Scope.class);
    for (int i = 0; i < scopes.size(); i++) {
      String label = scopes.get(i);
      String at = field + "[" + i + "]";
      Scope scope =
          Scope.named(label)
              .orElseThrow(
                  () ->
                      new InvalidFieldException(
                          at, "unknown scope '" + label + "'; known: " + Scope.labels()));
      if (!seen.add(scope)) {
        throw new InvalidFieldException(at, "'" + label + "' is listed twice");
      }
    }
    return List.copyOf(scopes);
  }
}
