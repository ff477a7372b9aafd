package io.touchline.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigLoaderTest {

  private final CollectorConfigLoader loader = new CollectorConfigLoader();

  @Test
  void emptyFileMeansDefaults() throws ConfigException {
    CollectorConfig config = loader.parse("collector.yaml", "# nothing\n");
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.otlp().httpPort()).isEqualTo(4318);
    assertThat(config.api().port()).isEqualTo(8080);
    assertThat(config.storage().path()).isEqualTo("./data");
    assertThat(config.storage().memoryLimit()).isEqualTo("512MB");
  }

  @Test
  void readsEveryField() throws ConfigException {
    CollectorConfig config =
        loader.parse(
            "collector.yaml",
            String.join(
                "\n",
                "bindAddress: 0.0.0.0",
                "otlp:",
                "  grpcPort: 14317",
                "  httpPort: 14318",
                "  maxBodyBytes: 1024",
                "api:",
                "  port: 0",
                "storage:",
                "  path: /var/lib/touchline",
                "  memoryLimit: 2GB",
                "  retention: 400d",
                "  writeQueueSpans: 5000",
                "auth:",
                "  ingestToken: ingest-token-0123456789",
                "  apiToken: api-token-0123456789",
                "keyTypes:",
                "  - name: customer_id",
                "    unique: true",
                "    attributes: [user.id]",
                "  - name: loyalty_card",
                "    maxPerProfile: 2",
                "    normalize: [trim, digits]",
                "placeholders: [unknown, n/a]",
                "journeys:",
                "  inactivityGap: 45m",
                ""));
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.otlp().grpcPort()).isEqualTo(14317);
    assertThat(config.otlp().httpPort()).isEqualTo(14318);
    assertThat(config.storage().retentionPeriod()).contains(java.time.Duration.ofDays(400));
    assertThat(config.storage().writeQueueSpans()).isEqualTo(5000);
    assertThat(config.auth().ingestToken()).isEqualTo("ingest-token-0123456789");
    assertThat(config.auth().apiToken()).isEqualTo("api-token-0123456789");
    assertThat(config.keyTypes())
        .extracting(KeyTypeConfig::name)
        .containsExactly("customer_id", "loyalty_card");
    assertThat(config.keyTypes().get(0).limit()).isEqualTo(1);
    assertThat(config.keyTypes().get(1).limit()).isEqualTo(2);
    assertThat(config.keyTypes().get(1).normalize()).containsExactly("trim", "digits");
    assertThat(config.placeholders()).containsExactly("unknown", "n/a");
    assertThat(config.journeys().gap()).isEqualTo(java.time.Duration.ofMinutes(45));
    assertThat(config.otlp().maxBodyBytes()).isEqualTo(1024);
    assertThat(config.api().port()).isZero();
    assertThat(config.storage().path()).isEqualTo("/var/lib/touchline");
    assertThat(config.storage().memoryLimit()).isEqualTo("2GB");
  }

  @Test
  void readsTheAgentsHashSecretAndRefusesAShortOne() throws ConfigException {
    assertThat(
            loader.parse("collector.yaml", "hashSecret: a-secret-of-twenty-chars\n").hashSecret())
        .isEqualTo("a-secret-of-twenty-chars");
    assertThat(loader.parse("collector.yaml", "").hashSecret()).isNull();
    assertThatThrownBy(() -> loader.parse("collector.yaml", "hashSecret: short\n"))
        .hasMessageContaining("hashSecret")
        .hasMessageContaining("at least 16 characters");
  }

  @Test
  void unknownFieldNamesFileLineAndField() {
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "bindAddress: 127.0.0.1\napi:\n  prot: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("collector.yaml:3: api.prot: unknown field; expected one of [port]");
  }

  @Test
  void wrongTypeNamesFileLineAndField() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "otlp:\n  httpPort: lots\n"))
        .hasMessageStartingWith(
            "collector.yaml:2: otlp.httpPort: expected a whole number, found 'lots'");
  }

  @Test
  void rejectsPortOutOfRange() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: 70000\n"))
        .hasMessage("collector.yaml:2: api.port: must be between 0 and 65535, was 70000");
  }

  @Test
  void badMemoryLimitIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "storage:\n  memoryLimit: plenty\n"))
        .hasMessageStartingWith(
            "collector.yaml:2: storage.memoryLimit: must be a size such as 512MB or 2GB");
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: 8080\n  - item\n"))
        .hasMessageStartingWith("collector.yaml:3")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aFractionIsNoPort() {
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "bindAddress: 127.0.0.1\napi:\n  port: 1.5\n"))
        .hasMessage("collector.yaml:3: api.port: expected a whole number, found '1.5'");
  }

  @Test
  void aQuotedNumberIsNoPort() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: \"8080\"\n"))
        .hasMessage(
            "collector.yaml:2: api.port: expected a whole number, found the quoted text \"8080\"");
  }

  @Test
  void aScalarWhereASectionBelongsIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "bindAddress: 127.0.0.1\notlp: 4318\n"))
        .hasMessage("collector.yaml:2: otlp: expected a mapping of fields, found '4318'");
  }

  @Test
  void aListWhereTextBelongsIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "storage:\n  path: [a, b]\n"))
        .hasMessage("collector.yaml:2: storage.path: expected a text value, found a list");
  }

  @Test
  void bindingBeyondLoopbackNeedsATokenForEveryPort() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "# exposed\nbindAddress: 0.0.0.0\n"))
        .hasMessageStartingWith(
            "collector.yaml:2: auth: bindAddress 0.0.0.0 is reachable beyond this machine");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "bindAddress: 0.0.0.0\nauth:\n  apiToken: api-token-0123456789\n"))
        .hasMessage(
            "collector.yaml:2: auth: bindAddress 0.0.0.0 is reachable beyond this machine, so every"
                + " port must ask for a token, and no token has the ingest scope (set"
                + " auth.ingestToken, or give a token under auth.tokens the scope ingest)");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "bindAddress: 0.0.0.0\nauth:\n  ingestToken: ingest-token-0123456789\n"))
        .hasMessageContaining("no token has the read or erase scope");
  }

  @Test
  void aShortOrMissingTokenIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "auth:\n  apiToken: secret\n"))
        .hasMessage(
            "collector.yaml:2: auth.apiToken: must be at least 16 characters, to be hard to guess");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml", "auth:\n  ingestToken: ${TOUCHLINE_NO_SUCH_VARIABLE}\n"))
        .hasMessage(
            "collector.yaml:2: auth.ingestToken: the environment variable TOUCHLINE_NO_SUCH_VARIABLE is not set");
  }

  @Test
  void aBadKeyTypeNamesItsEntryAndLine() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "keyTypes:\n  - name: customer_id\n    unique: true\n  - name: email\n    maxPerProfile: 0\n"))
        .hasMessage("collector.yaml:5: keyTypes[1].maxPerProfile: email: must be 1 or more, was 0");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "keyTypes:\n  - name: Email\n"))
        .hasMessageStartingWith("collector.yaml:2: keyTypes[0].name: must match [a-z][a-z0-9_]*");
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "keyTypes:\n  - name: email\n  - name: email\n"))
        .hasMessage("collector.yaml:1: keyTypes: email is declared twice");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "keyTypes:\n  - name: phone\n    normalize: [digits, upper]\n"))
        .hasMessageStartingWith(
            "collector.yaml:3: keyTypes[0].normalize: phone: unknown step 'upper'");
  }

  @Test
  void readsTheSpanLimits() throws ConfigException {
    CollectorConfig.Limits limits =
        loader
            .parse(
                "collector.yaml",
                String.join(
                    "\n",
                    "limits:",
                    "  maxAttributeNameLength: 100",
                    "  maxAttributeValueLength: 2000",
                    "  maxAttributesPerSpan: 64",
                    "  maxKeyValuesPerSpan: 10",
                    "  maxKeyValuesPerType: 5",
                    "  maxSpanBytes: 65536",
                    "  maxEventTimeAhead: 2h",
                    ""))
            .limits();
    assertThat(limits).isEqualTo(new CollectorConfig.Limits(100, 2000, 64, 10, 5, 65536, "2h"));
    assertThat(limits.eventTimeAhead()).isEqualTo(java.time.Duration.ofHours(2));
    assertThat(loader.parse("collector.yaml", "limits:\n  maxSpanBytes: 1000\n").limits())
        .isEqualTo(new CollectorConfig.Limits(256, 8192, 128, 32, 16, 1000, "1d"));
  }

  @Test
  void aBadSpanLimitNamesFileLineAndField() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "# limits\nlimits:\n  maxSpanBytes: 4096\n  maxAttributesPerSpan: 0\n"))
        .hasMessage("collector.yaml:4: limits.maxAttributesPerSpan: must be 1 or more, was 0");
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "limits:\n  maxAttributeNameLength: -5\n"))
        .hasMessage("collector.yaml:2: limits.maxAttributeNameLength: must be 1 or more, was -5");
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "limits:\n  maxKeyValuesPerType: 2.5\n"))
        .hasMessage(
            "collector.yaml:2: limits.maxKeyValuesPerType: expected a whole number, found '2.5'");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "limits:\n  maxEventTimeAhead: soon\n"))
        .hasMessageStartingWith(
            "collector.yaml:2: limits.maxEventTimeAhead: must be a duration such as 90s");
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "limits:\n  maxEventTimeAhead: 4000d\n"))
        .hasMessage(
            "collector.yaml:2: limits.maxEventTimeAhead: must be 3650d or less, was '4000d'");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "limits:\n  maxNameLength: 10\n"))
        .hasMessageStartingWith("collector.yaml:2: limits.maxNameLength: unknown field");
  }

  @Test
  void badDurationsAreExplained() throws Exception {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "storage:\n  retention: forever\n"))
        .hasMessageStartingWith(
            "collector.yaml:2: storage.retention: must be a duration such as 90s, 30m, 12h or 400d");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "journeys:\n  inactivityGap: 0m\n"))
        .hasMessage("collector.yaml:2: journeys.inactivityGap: must be longer than zero, was '0m'");
    // Beyond what nanosecond times can add up, and beyond what a long parses.
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "journeys:\n  inactivityGap: 106752d\n"))
        .hasMessage(
            "collector.yaml:2: journeys.inactivityGap: must be at most 36500d (100 years),"
                + " was '106752d'");
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "storage:\n  retention: 99999999999999999999d\n"))
        .hasMessageStartingWith("collector.yaml:2: storage.retention: must be a duration such as");
    assertThat(
            loader.parse("collector.yaml", "journeys:\n  inactivityGap: 36500d\n").journeys().gap())
        .isEqualTo(java.time.Duration.ofDays(36_500));
  }

  @Test
  void anUnresolvableBindAddressIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "bindAddress: no-such-host.invalid\n"))
        .hasMessageStartingWith("collector.yaml:1: bindAddress: 'no-such-host.invalid' is neither");
  }

  @Test
  void anUnreadableFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
        .hasMessage(
            dir.resolve("missing.yaml") + ": cannot read the collector config: no such file");
    assertThatThrownBy(() -> loader.load(dir))
        .hasMessage(dir + ": cannot read the collector config: it is a directory");
  }

  @Test
  void theShippedConfigIsValidAndHoldsTheDefaults() throws ConfigException {
    CollectorConfig shipped = loader.load(Path.of("..", "config", "collector.yaml"));
    assertThat(shipped).isEqualTo(CollectorConfig.defaults());
  }

  @Test
  void readsTheRulesSection() throws ConfigException {
    CollectorConfig config =
        loader.parse("collector.yaml", "rules:\n  file: config/rules.yaml\n  lateness: 30s\n");

    assertThat(config.rules().path()).contains(java.nio.file.Paths.get("config/rules.yaml"));
    assertThat(config.rules().latenessPeriod()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(loader.parse("collector.yaml", "# none\n").rules().path()).isEmpty();
    assertThat(loader.parse("collector.yaml", "rules: {file: r.yaml}\n").rules().latenessPeriod())
        .isEqualTo(java.time.Duration.ofMinutes(5));
    assertThatThrownBy(
            () -> loader.parse("collector.yaml", "rules:\n  file: r.yaml\n  lateness: 2d\n"))
        .hasMessage("collector.yaml:3: rules.lateness: must be between 1s and 1d, was '2d'");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "rules:\n  file: ''\n"))
        .hasMessage(
            "collector.yaml:2: rules.file: must not be empty; leave the rules section out for no"
                + " rules");
    assertThatThrownBy(() -> loader.parse("collector.yaml", "rules:\n  files: r.yaml\n"))
        .hasMessageStartingWith("collector.yaml:2: rules.files: unknown field");
  }
}
