package io.touchline.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The collector's settings, from {@code config/collector.yaml}; every field has a default.
 *
 * @param bindAddress the address every listener binds to; loopback unless you mean otherwise
 * @param otlp where spans are received
 * @param api where the REST API answers
 * @param storage where the database lives, and for how long it keeps touchpoints
 * @param auth named bearer tokens and their scopes; beyond a loopback {@code bindAddress}, some
 *     token must have {@code ingest} and some {@code read} or {@code erase}, so that every port
 *     asks for one
 * @param keyTypes the key types stitched on, highest priority first; the canonical five by default
 * @param placeholders values never taken as keys, on top of the built-in ones
 * @param journeys how a profile's timeline is cut into journeys
 * @param hashSecret the secret the agents hash keys with ({@code hash: true}), if they do: a value
 *     an analyst looks up is then also tried in its hashed form; {@code ${ENV_VAR}} reads it
 * @param limits what one span may carry; a span over a limit is refused on its own
 * @param tls the certificate and key every port speaks TLS with; plain HTTP and gRPC without it
 * @param http what one client may take of the HTTP ports (timeouts, header size, connections)
 * @param rules the rules file, if rules act on journeys (docs/rules.md)
 */
public record CollectorConfig(
    String bindAddress,
    Otlp otlp,
    Api api,
    Storage storage,
    Auth auth,
    List<KeyTypeConfig> keyTypes,
    List<String> placeholders,
    Journeys journeys,
    String hashSecret,
    Limits limits,
    Tls tls,
    Http http,
    Rules rules) {

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public CollectorConfig {
    bindAddress =
        bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress.trim();
    boolean loopback = checkResolvable(bindAddress).isLoopbackAddress();
    otlp = otlp == null ? new Otlp(null, null, null) : otlp;
    api = api == null ? new Api(null) : api;
    storage = storage == null ? new Storage(null, null, null, null, null) : storage;
    auth = auth == null ? Auth.none() : auth;
    if (!loopback) {
      // Customer data must not be readable, or writable, by anyone on the network: every port
      // asks for a token.
      String beyond =
          "bindAddress " + bindAddress + " is reachable beyond this machine, so every port must";
      if (!auth.guardsIngest()) {
        throw new InvalidFieldException(
            "auth",
            beyond
                + " ask for a token, and no token has the ingest scope (set auth.ingestToken, or"
                + " give a token under auth.tokens the scope ingest)");
      }
      if (!auth.guardsApi()) {
        throw new InvalidFieldException(
            "auth",
            beyond
                + " ask for a token, and no token has the read or erase scope (set auth.apiToken,"
                + " or give a token under auth.tokens the scope read)");
      }
    }
    keyTypes = keyTypes == null ? KeyTypeConfig.CANONICAL : List.copyOf(keyTypes);
    KeyTypeConfig.checkTable(keyTypes);
    placeholders = placeholders == null ? List.of() : List.copyOf(placeholders);
    journeys = journeys == null ? new Journeys(null) : journeys;
    limits = limits == null ? Limits.defaults() : limits;
    http = http == null ? Http.defaults() : http;
    rules = rules == null ? Rules.none() : rules;
    hashSecret = Secrets.resolve("hashSecret", hashSecret);
  }

  /**
   * Fails at config time, with the field's name, rather than at bind time with "Unresolved
   * address".
   */
  private static InetAddress checkResolvable(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException | SecurityException e) {
      throw new InvalidFieldException(
          "bindAddress",
          "'" + address + "' is neither an IP address nor a host name that resolves");
    }
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** The same settings listening elsewhere and storing elsewhere: for tests and tools. */
  public CollectorConfig withPortsAndStorage(
      int grpcPort, int httpPort, int apiPort, String storagePath) {
    return new CollectorConfig(
        bindAddress,
        new Otlp(grpcPort, httpPort, otlp.maxBodyBytes()),
        new Api(apiPort),
        new Storage(
            storagePath,
            storage.memoryLimit(),
            storage.retention(),
            storage.writeQueueSpans(),
            storage.checkpointThreshold()),
        auth,
        keyTypes,
        placeholders,
        journeys,
        hashSecret,
        limits,
        tls,
        http,
        rules);
  }

  /**
   * @param grpcPort OTLP/gRPC ({@code TraceService/Export}); 0 picks a free port
   * @param httpPort OTLP/HTTP ({@code POST /v1/traces}); 0 picks a free port
   * @param maxBodyBytes requests (or gRPC messages) with a larger body are refused
   */
  public record Otlp(Integer grpcPort, Integer httpPort, Long maxBodyBytes) {
    public Otlp {
      grpcPort = Ports.check("otlp.grpcPort", grpcPort, 4317);
      httpPort = Ports.check("otlp.httpPort", httpPort, 4318);
      maxBodyBytes = maxBodyBytes == null ? 16L * 1024 * 1024 : maxBodyBytes;
      if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE) {
        throw new InvalidFieldException(
            "otlp.maxBodyBytes",
            "must be between 1 and " + Integer.MAX_VALUE + ", was " + maxBodyBytes);
      }
    }
  }

  /**
   * @param port the REST API and UI; 0 picks a free port
   */
  public record Api(Integer port) {
    public Api {
      port = Ports.check("api.port", port, 8080);
    }
  }

  /**
   * @param path the directory holding {@code touchline.duckdb}; created when missing
   * @param memoryLimit DuckDB's memory limit, e.g. {@code 512MB}; larger queries spill to disk
   * @param retention touchpoints older than this are deleted, e.g. {@code 400d}; {@code keep} keeps
   *     all
   * @param writeQueueSpans spans accepted and waiting for their commit at most; beyond, senders get
   *     503
   * @param checkpointThreshold write-ahead log size at which DuckDB folds it into the database file
   */
  public record Storage(
      String path,
      String memoryLimit,
      String retention,
      Long writeQueueSpans,
      String checkpointThreshold) {
    public static final String KEEP = "keep";

    public Storage {
      path = path == null || path.isBlank() ? "./data" : path.trim();
      memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? "512MB" : memoryLimit.trim();
      checkSize("storage.memoryLimit", memoryLimit);
      checkpointThreshold =
          checkpointThreshold == null || checkpointThreshold.isBlank()
              ? "256MB"
              : checkpointThreshold.trim();
      checkSize("storage.checkpointThreshold", checkpointThreshold);
      retention = retention == null || retention.isBlank() ? KEEP : retention.trim();
      if (!retention.equals(KEEP)) {
        Durations.parse("storage.retention", retention);
      }
      writeQueueSpans = writeQueueSpans == null ? 100_000L : writeQueueSpans;
      if (writeQueueSpans < 1) {
        throw new InvalidFieldException(
            "storage.writeQueueSpans", "must be positive, was " + writeQueueSpans);
      }
    }

    private static void checkSize(String field, String size) {
      if (!size.matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
        throw new InvalidFieldException(
            field, "must be a size such as 512MB or 2GB, was '" + size + "'");
      }
    }

    public java.nio.file.Path directory() {
      return java.nio.file.Paths.get(path);
    }

    /** How long touchpoints are kept; empty for ever. */
    public java.util.Optional<java.time.Duration> retentionPeriod() {
      return retention.equals(KEEP)
          ? java.util.Optional.empty()
          : java.util.Optional.of(Durations.parse("storage.retention", retention));
    }
  }

  /**
   * Who may do what: named bearer tokens, each with its scopes. A request carries one as {@code
   * Authorization: Bearer <token>}. The OTLP ports ask for a token as soon as one token has the
   * {@code ingest} scope, the API as soon as one has {@code read} or {@code erase}; a port no token
   * is meant for is open (on loopback only, see {@link CollectorConfig}).
   *
   * @param ingestToken shorthand for a token named {@code ingest} with the scope {@code ingest}
   * @param apiToken shorthand for a token named {@code api} with the scopes {@code read} and {@code
   *     erase}
   * @param tokens named tokens with their scopes; may be combined with the shorthand ones
   */
  public record Auth(String ingestToken, String apiToken, List<TokenConfig> tokens) {

    /** The name {@code auth.ingestToken} goes by, in audits and messages. */
    public static final String INGEST_TOKEN_NAME = "ingest";

    /** The name {@code auth.apiToken} goes by, in audits and messages. */
    public static final String API_TOKEN_NAME = "api";

    public Auth {
      ingestToken = Secrets.resolve("auth.ingestToken", ingestToken);
      apiToken = Secrets.resolve("auth.apiToken", apiToken);
      if (ingestToken != null && ingestToken.equals(apiToken)) {
        throw new InvalidFieldException(
            "auth.apiToken",
            "is the same token as auth.ingestToken; give each its own, or list one token with"
                + " every scope it needs under auth.tokens");
      }
      tokens = TokenConfig.checkList(tokens, ingestToken, apiToken);
    }

    /** No token at all: every port is open (on loopback only). */
    public static Auth none() {
      return new Auth(null, null, null);
    }

    /**
     * Every token: {@code auth.ingestToken} (named {@code ingest}) and {@code auth.apiToken} (named
     * {@code api}) when set, then those of {@code auth.tokens}.
     */
    public List<TokenConfig> all() {
      List<TokenConfig> all = new java.util.ArrayList<>();
      if (ingestToken != null) {
        all.add(new TokenConfig(INGEST_TOKEN_NAME, ingestToken, List.of(Scope.INGEST.label())));
      }
      if (apiToken != null) {
        all.add(
            new TokenConfig(
                API_TOKEN_NAME, apiToken, List.of(Scope.READ.label(), Scope.ERASE.label())));
      }
      all.addAll(tokens);
      return List.copyOf(all);
    }

    /** Whether some token has one of these scopes: the port doing those then asks for a token. */
    public boolean guards(Scope... scopes) {
      return all().stream()
          .anyMatch(token -> java.util.Arrays.stream(scopes).anyMatch(token.scopeSet()::contains));
    }

    /** Whether the OTLP ports (gRPC and HTTP) ask for a token. */
    public boolean guardsIngest() {
      return guards(Scope.INGEST);
    }

    /** Whether the API port asks for a token (on every endpoint but health and the UI's files). */
    public boolean guardsApi() {
      return guards(Scope.READ, Scope.ERASE);
    }

    @Override
    public String toString() {
      return "Auth" + all().stream().map(TokenConfig::toString).toList();
    }
  }

  /**
   * TLS on every port (OTLP/gRPC, OTLP/HTTP, the API and UI), TLS 1.2 and 1.3 only. The files are
   * read and checked when the config is, so a mistake stops the start naming its field; a new
   * certificate is taken at the next start. Relative paths are relative to the working directory.
   *
   * @param certificate a PEM file: the server's certificate first, then the intermediate
   *     certificates that issued it, in order
   * @param privateKey a PEM file: the certificate's private key, RSA or EC, unencrypted (PKCS#8, or
   *     the older PKCS#1 and SEC 1 forms)
   */
  public record Tls(String certificate, String privateKey) {
    public Tls {
      certificate = required(PemCredentials.CERTIFICATE, certificate, "the certificate chain");
      privateKey = required(PemCredentials.PRIVATE_KEY, privateKey, "the private key");
      read(certificate, privateKey);
    }

    /** Reads the files again, as they are now: what the ports start with. */
    public PemCredentials credentials() {
      try {
        return read(certificate, privateKey);
      } catch (InvalidFieldException e) {
        throw new IllegalStateException(e.field() + ": " + e.getMessage(), e);
      }
    }

    private static String required(String field, String path, String what) {
      if (path == null || path.isBlank()) {
        throw new InvalidFieldException(
            field, "required with tls: the path of the PEM file holding " + what);
      }
      return path.trim();
    }

    private static PemCredentials read(String certificate, String privateKey) {
      return PemCredentials.read(
          file(PemCredentials.CERTIFICATE, certificate),
          file(PemCredentials.PRIVATE_KEY, privateKey),
          java.time.Instant.now());
    }

    private static java.nio.file.Path file(String field, String path) {
      try {
        return java.nio.file.Paths.get(path);
      } catch (java.nio.file.InvalidPathException e) {
        throw new InvalidFieldException(field, "not a path: " + e.getMessage());
      }
    }
  }

  /**
   * @param inactivityGap a pause longer than this starts a new journey, e.g. {@code 30m}
   */
  public record Journeys(String inactivityGap) {
    public Journeys {
      inactivityGap = inactivityGap == null ? "30m" : inactivityGap.trim();
      Durations.parse("journeys.inactivityGap", inactivityGap);
    }

    public java.time.Duration gap() {
      return Durations.parse("journeys.inactivityGap", inactivityGap);
    }
  }

  /**
   * What one span may carry; a span over any limit is refused on its own (an OTLP partial success)
   * and the rest of its request is stored. The defaults are far above what the agent and the
   * OpenTelemetry SDKs send, and keep one span's cost small.
   *
   * @param maxAttributeNameLength characters in an attribute's name, nested ones included
   * @param maxAttributeValueLength characters in one text value (and the span's name)
   * @param maxAttributesPerSpan attributes on one span
   * @param maxKeyValuesPerSpan customer key values on one span, all types together
   * @param maxKeyValuesPerType customer key values of one type on one span
   * @param maxSpanBytes the span's encoded size
   * @param maxEventTimeAhead how far after the collector's clock a span may start, e.g. {@code 1d}
   */
  public record Limits(
      Integer maxAttributeNameLength,
      Integer maxAttributeValueLength,
      Integer maxAttributesPerSpan,
      Integer maxKeyValuesPerSpan,
      Integer maxKeyValuesPerType,
      Integer maxSpanBytes,
      String maxEventTimeAhead) {

    /** Beyond this, "ahead of the clock" stops meaning anything and the sums could overflow. */
    private static final java.time.Duration LONGEST_AHEAD = java.time.Duration.ofDays(3650);

    public Limits {
      maxAttributeNameLength =
          positive("limits.maxAttributeNameLength", maxAttributeNameLength, 256);
      maxAttributeValueLength =
          positive("limits.maxAttributeValueLength", maxAttributeValueLength, 8192);
      maxAttributesPerSpan = positive("limits.maxAttributesPerSpan", maxAttributesPerSpan, 128);
      maxKeyValuesPerSpan = positive("limits.maxKeyValuesPerSpan", maxKeyValuesPerSpan, 32);
      maxKeyValuesPerType = positive("limits.maxKeyValuesPerType", maxKeyValuesPerType, 16);
      maxSpanBytes = positive("limits.maxSpanBytes", maxSpanBytes, 256 * 1024);
      maxEventTimeAhead = maxEventTimeAhead == null ? "1d" : maxEventTimeAhead.trim();
      if (Durations.parse("limits.maxEventTimeAhead", maxEventTimeAhead).compareTo(LONGEST_AHEAD)
          > 0) {
        throw new InvalidFieldException(
            "limits.maxEventTimeAhead", "must be 3650d or less, was '" + maxEventTimeAhead + "'");
      }
    }

    public static Limits defaults() {
      return new Limits(null, null, null, null, null, null, null);
    }

    public java.time.Duration eventTimeAhead() {
      return Durations.parse("limits.maxEventTimeAhead", maxEventTimeAhead);
    }

    private static int positive(String field, Integer value, int fallback) {
      int limit = value == null ? fallback : value;
      if (limit < 1) {
        throw new InvalidFieldException(field, "must be 1 or more, was " + limit);
      }
      return limit;
    }
  }

  /**
   * What one client may take of the OTLP/HTTP and API ports, each port on its own.
   *
   * @param headerTimeout a request's line and headers must arrive within this of its first byte,
   *     and a TLS handshake within this of the connection's opening; 408 and closed otherwise
   * @param bodyTimeout an OTLP/HTTP body must arrive within this of its headers; 408 otherwise
   * @param idleTimeout a connection with no request under way is closed after this
   * @param maxHeaderBytes the request line and headers together: 431 (or 414 for a long request
   *     line) beyond
   * @param maxConnections connections open at once on one port; further ones wait to be accepted
   * @param maxConnectionsPerClient connections one IP address may hold open on one port, 429
   *     beyond; 0 (the default) for no such limit: every agent of a demo, or a load balancer, comes
   *     from one address
   */
  public record Http(
      String headerTimeout,
      String bodyTimeout,
      String idleTimeout,
      Integer maxHeaderBytes,
      Integer maxConnections,
      Integer maxConnectionsPerClient) {

    /** A day: beyond it a timeout protects nothing. */
    private static final java.time.Duration LONGEST_TIMEOUT = java.time.Duration.ofDays(1);

    public Http {
      headerTimeout = timeout("http.headerTimeout", headerTimeout, "10s");
      bodyTimeout = timeout("http.bodyTimeout", bodyTimeout, "30s");
      idleTimeout = timeout("http.idleTimeout", idleTimeout, "30s");
      maxHeaderBytes = maxHeaderBytes == null ? 16 * 1024 : maxHeaderBytes;
      if (maxHeaderBytes < 1024 || maxHeaderBytes > 1024 * 1024) {
        throw new InvalidFieldException(
            "http.maxHeaderBytes", "must be between 1024 and 1048576, was " + maxHeaderBytes);
      }
      maxConnections = maxConnections == null ? 2048 : maxConnections;
      if (maxConnections < 1) {
        throw new InvalidFieldException(
            "http.maxConnections", "must be 1 or more, was " + maxConnections);
      }
      maxConnectionsPerClient = maxConnectionsPerClient == null ? 0 : maxConnectionsPerClient;
      if (maxConnectionsPerClient < 0) {
        throw new InvalidFieldException(
            "http.maxConnectionsPerClient",
            "must be 0 (no limit) or more, was " + maxConnectionsPerClient);
      }
    }

    public static Http defaults() {
      return new Http(null, null, null, null, null, null);
    }

    private static String timeout(String field, String text, String fallback) {
      String value = text == null ? fallback : text.trim();
      java.time.Duration duration = Durations.parse(field, value);
      if (duration.isZero() || duration.compareTo(LONGEST_TIMEOUT) > 0) {
        throw new InvalidFieldException(field, "must be between 1s and 1d, was '" + value + "'");
      }
      return value;
    }

    public java.time.Duration header() {
      return Durations.parse("http.headerTimeout", headerTimeout);
    }

    public java.time.Duration body() {
      return Durations.parse("http.bodyTimeout", bodyTimeout);
    }

    public java.time.Duration idle() {
      return Durations.parse("http.idleTimeout", idleTimeout);
    }
  }

  /**
   * The rules that act on journeys (docs/rules.md). The file is loaded when the collector starts (a
   * file that does not load stops the start) and watched while it runs.
   *
   * @param file the rules file, e.g. {@code config/rules.yaml}, relative to the working directory;
   *     none: no rules
   * @param lateness how long after its event time a touchpoint may still arrive and count for the
   *     decisions of rules: a trigger is decided once this has passed (its absence window too), so
   *     that decisions do not depend on the order touchpoints arrive in within it; e.g. {@code 5m}
   */
  public record Rules(String file, String lateness) {

    /** Beyond a day a decision comes too late to act on what just happened. */
    private static final java.time.Duration LONGEST_LATENESS = java.time.Duration.ofDays(1);

    public Rules {
      if (file != null && file.isBlank()) {
        throw new InvalidFieldException(
            "rules.file", "must not be empty; leave the rules section out for no rules");
      }
      file = file == null ? null : file.trim();
      lateness = lateness == null ? "5m" : lateness.trim();
      if (Durations.parse("rules.lateness", lateness).compareTo(LONGEST_LATENESS) > 0) {
        throw new InvalidFieldException(
            "rules.lateness", "must be between 1s and 1d, was '" + lateness + "'");
      }
    }

    public static Rules none() {
      return new Rules(null, null);
    }

    /** The file, if rules are configured. */
    public java.util.Optional<java.nio.file.Path> path() {
      return java.util.Optional.ofNullable(file).map(java.nio.file.Paths::get);
    }

    public java.time.Duration latenessPeriod() {
      return Durations.parse("rules.lateness", lateness);
    }
  }

  private static final class Ports {
    static int check(String field, Integer port, int fallback) {
      int value = port == null ? fallback : port;
      if (value < 0 || value > 65535) {
        throw new InvalidFieldException(field, "must be between 0 and 65535, was " + value);
      }
      return value;
    }
  }
}
