package io.touchline.agent.config;

import io.touchline.agent.capture.CapturePlan;
import io.touchline.agent.capture.EmitCondition;
import io.touchline.agent.capture.KeyRules;
import io.touchline.agent.capture.KeySpec;
import io.touchline.agent.capture.PathExpression;
import io.touchline.agent.capture.PathSyntaxException;
import io.touchline.agent.log.AgentLog;
import io.touchline.keys.Normalization;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code agent.yaml} into an {@link AgentConfig}, failing with {@code file:line: field:
 * problem} on the first mistake. Environment overrides follow DESIGN's "whose settings" rule: the
 * export target comes from the file or {@code TOUCHLINE_EXPORTER_OTLP_*}, never from the
 * application's own {@code OTEL_EXPORTER_OTLP_*}.
 */
public final class AgentConfigLoader {

  static final String ENDPOINT_ENV = "TOUCHLINE_EXPORTER_OTLP_ENDPOINT";
  static final String HEADERS_ENV = "TOUCHLINE_EXPORTER_OTLP_HEADERS";
  static final String CERTIFICATE_ENV = "TOUCHLINE_EXPORTER_OTLP_CERTIFICATE";

  private static final Pattern KEY_TYPE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

  static final String DEFAULT_HASH_SECRET_ENV = "TOUCHLINE_HASH_SECRET";

  private final Map<String, String> environment;
  private String hashSecretEnv = DEFAULT_HASH_SECRET_ENV;

  public AgentConfigLoader(Map<String, String> environment) {
    this.environment = environment;
  }

  public AgentConfig load(Path file) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the agent config: " + e.getMessage(), e);
    }
    return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
  }

  public AgentConfig parse(String source, String yaml) throws ConfigException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      // The composer alone gives the node tree with line numbers. Yaml and its constructors are
      // not used: they construct objects, and their static set-up starts java.util.logging in
      // premain, before an application server could install its own LogManager.
      root =
          new Composer(
                  new ParserImpl(new StreamReader(new StringReader(yaml)), options),
                  new Resolver(),
                  options)
              .getSingleNode();
    } catch (MarkedYAMLException e) {
      String place =
          e.getProblemMark() == null
              ? ""
              : ":"
                  + (e.getProblemMark().getLine() + 1)
                  + ":"
                  + (e.getProblemMark().getColumn() + 1);
      String hint =
          String.valueOf(e.getProblem()).contains("[")
              ? " (quote paths inside [ ] or { }, e.g. [\"args[0]\", \"args[1]\"])"
              : "";
      throw new ConfigException(source + place + ": not valid YAML: " + e.getProblem() + hint, e);
    } catch (YAMLException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new ConfigException(source + ": the agent config is empty");
    }
    EnvironmentSubstitution substitution = new EnvironmentSubstitution(environment);
    YamlNode document = new YamlNode(root, new ConfigLocation(source, 1, 1, ""), substitution);
    return bind(source, yaml, document);
  }

  private AgentConfig bind(String source, String yaml, YamlNode document) throws ConfigException {
    Map<String, YamlNode> fields =
        document.fields(
            "version",
            "service",
            "channel",
            "export",
            "log",
            "hashSecretEnv",
            "placeholders",
            "maxPerSecond",
            "touchpoints");
    KeyRules keyRules = keyRules(fields.get("hashSecretEnv"), fields.get("placeholders"));
    String version = optionalText(fields.get("version"));
    String service = optionalText(fields.get("service"));
    String channel = optionalText(fields.get("channel"));
    ExportSettings export = export(fields.get("export"), document.location());
    YamlNode log = fields.get("log");
    Map<String, YamlNode> logFields =
        log == null || log.isNull()
            ? Collections.<String, YamlNode>emptyMap()
            : log.fields("level", "file");
    AgentLog.Level level = logLevel(logFields.get("level"));
    String logFile = optionalText(logFields.get("file"));
    // A cap for every touchpoint that sets none of its own; none unless configured.
    int defaultMaxPerSecond =
        fields.containsKey("maxPerSecond") ? positiveInt(fields.get("maxPerSecond")) : 0;
    YamlNode touchpointsNode = fields.get("touchpoints");
    if (touchpointsNode == null || touchpointsNode.isNull()) {
      throw ConfigException.at(
          document.location(), "touchpoints: at least one touchpoint is needed");
    }
    List<TouchpointDefinition> touchpoints = new ArrayList<>();
    List<TouchpointDefinition> disabled = new ArrayList<>();
    for (YamlNode element : touchpointsNode.elements()) {
      Map<String, YamlNode> switchable =
          element.isNull() ? Collections.<String, YamlNode>emptyMap() : element.entries();
      boolean enabled = !switchable.containsKey("enabled") || bool(switchable.get("enabled"));
      (enabled ? touchpoints : disabled).add(touchpoint(element, keyRules, defaultMaxPerSecond));
    }
    return new AgentConfig(
        source,
        version != null ? version : contentHash(yaml),
        service,
        channel,
        export,
        level,
        logFile,
        touchpoints,
        disabled);
  }

  private ExportSettings export(YamlNode node, ConfigLocation parent) throws ConfigException {
    String endpoint = ExportSettings.DEFAULT_ENDPOINT;
    Map<String, String> headers = new LinkedHashMap<>();
    long timeout = ExportSettings.DEFAULT_TIMEOUT_MILLIS;
    int queueSize = ExportSettings.DEFAULT_QUEUE_SIZE;
    long flushInterval = ExportSettings.DEFAULT_FLUSH_INTERVAL_MILLIS;
    long shutdownTimeout = ExportSettings.DEFAULT_SHUTDOWN_TIMEOUT_MILLIS;
    YamlNode caCertificateNode = null;
    ExportSettings.HttpClient httpClient = ExportSettings.HttpClient.AUTO;
    if (node != null && !node.isNull()) {
      Map<String, YamlNode> fields =
          node.fields(
              "endpoint",
              "headers",
              "timeout",
              "queueSize",
              "flushInterval",
              "shutdownTimeout",
              "tls",
              "httpClient");
      if (fields.containsKey("endpoint")) {
        endpoint = endpoint(fields.get("endpoint").text(), fields.get("endpoint").location());
      }
      YamlNode headersNode = fields.get("headers");
      if (headersNode != null && !headersNode.isNull()) {
        for (Map.Entry<String, YamlNode> header : headersNode.entries().entrySet()) {
          headers.put(header.getKey(), header.getValue().text());
        }
      }
      if (fields.containsKey("timeout")) {
        timeout = duration(fields.get("timeout"));
      }
      if (fields.containsKey("queueSize")) {
        queueSize = positiveInt(fields.get("queueSize"));
      }
      if (fields.containsKey("flushInterval")) {
        flushInterval = duration(fields.get("flushInterval"));
      }
      if (fields.containsKey("shutdownTimeout")) {
        shutdownTimeout = duration(fields.get("shutdownTimeout"));
      }
      YamlNode tls = fields.get("tls");
      if (tls != null && !tls.isNull()) {
        caCertificateNode = tls.fields("caCertificate").get("caCertificate");
      }
      if (fields.containsKey("httpClient")) {
        httpClient = httpClient(fields.get("httpClient"));
      }
    }
    String endpointOverride = environment.get(ENDPOINT_ENV);
    if (endpointOverride != null && !endpointOverride.trim().isEmpty()) {
      endpoint = endpoint(endpointOverride.trim(), new ConfigLocation(ENDPOINT_ENV, 0, 0, ""));
    }
    headers.putAll(headersFromEnvironment());
    String caFile = optionalText(caCertificateNode);
    ConfigLocation caWhere = caCertificateNode == null ? null : caCertificateNode.location();
    String caOverride = environment.get(CERTIFICATE_ENV);
    if (caOverride != null && !caOverride.trim().isEmpty()) {
      caFile = caOverride.trim();
      caWhere = new ConfigLocation(CERTIFICATE_ENV, 0, 0, "");
    }
    List<X509Certificate> caCertificates =
        caFile == null
            ? Collections.<X509Certificate>emptyList()
            : PemCertificates.read(caFile, caWhere);
    return new ExportSettings(
        endpoint,
        headers,
        timeout,
        queueSize,
        flushInterval,
        shutdownTimeout,
        caFile,
        caCertificates,
        httpClient);
  }

  private static ExportSettings.HttpClient httpClient(YamlNode node) throws ConfigException {
    String text = node.text().trim();
    ExportSettings.HttpClient client = ExportSettings.HttpClient.forConfigName(text);
    if (client == null) {
      throw ConfigException.at(
          node.location(),
          "expected auto, java.net.http or HttpURLConnection, found '" + text + "'");
    }
    return client;
  }

  private static String endpoint(String value, ConfigLocation where) throws ConfigException {
    if (!value.startsWith("http://") && !value.startsWith("https://")) {
      throw ConfigException.at(where, "expected an http:// or https:// URL, found '" + value + "'");
    }
    return value;
  }

  /** {@code TOUCHLINE_EXPORTER_OTLP_HEADERS=k1=v1,k2=v2}, as OTel's own variable is written. */
  private Map<String, String> headersFromEnvironment() throws ConfigException {
    Map<String, String> headers = new LinkedHashMap<>();
    String raw = environment.get(HEADERS_ENV);
    if (raw == null || raw.trim().isEmpty()) {
      return headers;
    }
    for (String pair : raw.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(HEADERS_ENV + ": expected name=value pairs separated by commas");
      }
      headers.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return headers;
  }

  private static AgentLog.Level logLevel(YamlNode levelNode) throws ConfigException {
    if (levelNode == null || levelNode.isNull()) {
      return AgentLog.Level.INFO;
    }
    AgentLog.Level level = AgentLog.parseLevel(levelNode.text());
    if (level == null) {
      throw ConfigException.at(levelNode.location(), "expected debug, info, warn, error or off");
    }
    return level;
  }

  /**
   * The placeholders configured on top of the defaults, and the hash secret from the environment
   * variable the file names (the secret itself never sits in the file).
   */
  private KeyRules keyRules(YamlNode secretEnvNode, YamlNode placeholdersNode)
      throws ConfigException {
    String secretEnv = DEFAULT_HASH_SECRET_ENV;
    if (secretEnvNode != null && !secretEnvNode.isNull()) {
      secretEnv = secretEnvNode.text().trim();
      if (!secretEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw ConfigException.at(
            secretEnvNode.location(), "expected the name of an environment variable");
      }
    }
    Set<String> placeholders = new LinkedHashSet<>();
    if (placeholdersNode != null && !placeholdersNode.isNull()) {
      for (YamlNode element : placeholdersNode.elements()) {
        placeholders.add(element.text());
      }
    }
    String secret = environment.get(secretEnv);
    this.hashSecretEnv = secretEnv;
    return new KeyRules(
        placeholders,
        secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8));
  }

  /** A touchpoint, whether switched on or off ({@code enabled}, read by the caller). */
  private TouchpointDefinition touchpoint(YamlNode node, KeyRules keyRules, int defaultMaxPerSecond)
      throws ConfigException {
    Map<String, YamlNode> fields =
        node.fields(
            "name",
            "channel",
            "class",
            "subtypeOf",
            "annotatedWith",
            "method",
            "methodAnnotatedWith",
            "when",
            "keys",
            "attributes",
            "enabled",
            "maxPerSecond");
    // A switched-off touchpoint is still checked: switching it back on must not reveal mistakes.
    String name = requiredText(fields, "name", node);
    String channel = optionalText(fields.get("channel"));
    String classText = optionalText(fields.get("class"));
    String subtypeOf = typeName(fields.get("subtypeOf"));
    String annotatedWith = typeName(fields.get("annotatedWith"));
    if (classText == null && subtypeOf == null && annotatedWith == null) {
      throw ConfigException.at(
          node.location(), "say which classes: class, subtypeOf or annotatedWith is required");
    }
    NamePattern classPattern = classText == null ? null : NamePattern.compile(classText);
    String methodAnnotatedWith = typeName(fields.get("methodAnnotatedWith"));
    String methodText =
        methodAnnotatedWith != null && optionalText(fields.get("method")) == null
            ? "*"
            : requiredText(fields, "method", node);
    MethodPattern method = MethodPattern.parse(methodText);
    if (method == null) {
      throw ConfigException.at(
          fields.get("method").location(),
          "expected a method name or name(param.Type, ...), found '" + methodText + "'");
    }
    List<KeySpec> keys = keys(fields.get("keys"), keyRules);
    Map<String, PathExpression> attributes = attributes(fields.get("attributes"));
    EmitCondition when = when(fields.get("when"));
    int maxPerSecond =
        fields.containsKey("maxPerSecond")
            ? positiveInt(fields.get("maxPerSecond"))
            : defaultMaxPerSecond;
    if (fields.containsKey("enabled")) {
      bool(fields.get("enabled")); // a wrong value is an error whether it is on or off
    }
    return new TouchpointDefinition(
        node.location().fileAndLine(),
        name,
        channel,
        classPattern,
        subtypeOf,
        annotatedWith,
        method,
        methodAnnotatedWith,
        when,
        new CapturePlan(keys, attributes, keyRules),
        maxPerSecond);
  }

  /**
   * {@code type: path}, {@code type: [path, path]}, or {@code type: {path: …, normalize: […], hash:
   * true}} for the per-key options.
   */
  private List<KeySpec> keys(YamlNode node, KeyRules keyRules) throws ConfigException {
    List<KeySpec> keys = new ArrayList<>();
    if (node == null || node.isNull()) {
      return keys;
    }
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      String type = entry.getKey();
      YamlNode value = entry.getValue();
      if (!KEY_TYPE.matcher(type).matches()) {
        throw ConfigException.at(
            value.location(), "a key type is lowercase letters, digits and _ (e.g. customer_id)");
      }
      List<String> normalizers = null;
      boolean hash = false;
      YamlNode pathsNode = value;
      if (value.isMapping()) {
        Map<String, YamlNode> options = value.fields("path", "normalize", "hash");
        pathsNode = options.get("path");
        if (pathsNode == null || pathsNode.isNull()) {
          throw ConfigException.at(value.location(), "path is required");
        }
        if (options.containsKey("normalize")) {
          normalizers = normalizers(options.get("normalize"));
        }
        if (options.containsKey("hash")) {
          hash = bool(options.get("hash"));
          if (hash && !keyRules.canHash()) {
            throw ConfigException.at(
                options.get("hash").location(),
                "hashing needs the secret in environment variable "
                    + hashSecretEnv
                    + ", which is not set; raw keys are never sent in its place");
          }
        }
      }
      List<PathExpression> paths = new ArrayList<>();
      if (pathsNode.isSequence()) {
        for (YamlNode element : pathsNode.elements()) {
          paths.add(path(element));
        }
      } else {
        paths.add(path(pathsNode));
      }
      if (paths.isEmpty()) {
        throw ConfigException.at(pathsNode.location(), "give at least one path");
      }
      keys.add(new KeySpec(type, paths, normalizers, hash));
    }
    return keys;
  }

  private static List<String> normalizers(YamlNode node) throws ConfigException {
    List<String> steps = new ArrayList<>();
    List<YamlNode> elements = node.isSequence() ? node.elements() : Collections.singletonList(node);
    for (YamlNode element : elements) {
      String step = element.text().trim();
      if (!Normalization.STEPS.contains(step)) {
        throw ConfigException.at(
            element.location(),
            "expected one of " + Normalization.STEPS + ", found '" + step + "'");
      }
      steps.add(step);
    }
    return steps;
  }

  private static Map<String, PathExpression> attributes(YamlNode node) throws ConfigException {
    Map<String, PathExpression> attributes = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return attributes;
    }
    for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
      String name = entry.getKey();
      if (name.trim().isEmpty()
          || name.startsWith("touchline.")
          || name.equals("code.function.name")) {
        throw ConfigException.at(
            entry.getValue().location(),
            "this attribute name is reserved for the span contract; choose another");
      }
      attributes.put(name, path(entry.getValue()));
    }
    return attributes;
  }

  private static PathExpression path(YamlNode node) throws ConfigException {
    try {
      return PathExpression.parse(node.text());
    } catch (PathSyntaxException e) {
      throw ConfigException.at(node.location(), e.getMessage());
    }
  }

  private static String requiredText(Map<String, YamlNode> fields, String name, YamlNode parent)
      throws ConfigException {
    YamlNode node = fields.get(name);
    if (node == null || node.isNull()) {
      throw ConfigException.at(parent.location(), name + " is required");
    }
    String text = node.text().trim();
    if (text.isEmpty()) {
      throw ConfigException.at(node.location(), "must not be empty");
    }
    return text;
  }

  /**
   * {@code when: {return: notNull | true, thrown: com.acme.SomeException}}; all given must hold.
   */
  private static EmitCondition when(YamlNode node) throws ConfigException {
    if (node == null || node.isNull()) {
      return EmitCondition.ALWAYS;
    }
    Map<String, YamlNode> fields = node.fields("return", "thrown");
    EmitCondition.Returned returned = EmitCondition.Returned.ANY;
    YamlNode returnNode = fields.get("return");
    if (returnNode != null) {
      String text = returnNode.text().trim();
      if (text.equals("notNull")) {
        returned = EmitCondition.Returned.NOT_NULL;
      } else if (text.equals("true")) {
        returned = EmitCondition.Returned.TRUE;
      } else {
        throw ConfigException.at(
            returnNode.location(), "expected notNull or true, found '" + text + "'");
      }
    }
    String thrown = typeName(fields.get("thrown"));
    if (thrown != null && returned != EmitCondition.Returned.ANY) {
      throw ConfigException.at(
          node.location(), "a call either returns or throws: give return or thrown, not both");
    }
    return new EmitCondition(returned, thrown);
  }

  /** A fully qualified class, interface or annotation name, e.g. {@code com.acme.Gateway}. */
  private static String typeName(YamlNode node) throws ConfigException {
    String text = optionalText(node);
    if (text != null && !text.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
      throw ConfigException.at(
          node.location(), "expected a fully qualified type name, found '" + text + "'");
    }
    return text;
  }

  private static String optionalText(YamlNode node) throws ConfigException {
    if (node == null || node.isNull()) {
      return null;
    }
    String text = node.text().trim();
    return text.isEmpty() ? null : text;
  }

  private static boolean bool(YamlNode node) throws ConfigException {
    String text = node.text().trim();
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw ConfigException.at(node.location(), "expected true or false, found '" + text + "'");
  }

  private static int positiveInt(YamlNode node) throws ConfigException {
    String text = node.text().trim();
    try {
      int value = Integer.parseInt(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ConfigException.at(
        node.location(), "expected a positive whole number, found '" + text + "'");
  }

  private static long duration(YamlNode node) throws ConfigException {
    String text = node.text().trim();
    java.util.regex.Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw ConfigException.at(
          node.location(), "expected a duration such as 500ms, 10s or 2m, found '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms":
        return amount;
      case "s":
        return amount * 1000;
      default:
        return amount * 60_000;
    }
  }

  private static String contentHash(String yaml) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every JVM", e);
    }
  }
}
