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
            "bindAddress: 0.0.0.0\notlp:\n  httpPort: 14318\n  maxBodyBytes: 1024\napi:\n  port: 0\n"
                + "storage:\n  path: /var/lib/touchline\n  memoryLimit: 2GB\n");
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.otlp().httpPort()).isEqualTo(14318);
    assertThat(config.otlp().maxBodyBytes()).isEqualTo(1024);
    assertThat(config.api().port()).isZero();
    assertThat(config.storage().path()).isEqualTo("/var/lib/touchline");
    assertThat(config.storage().memoryLimit()).isEqualTo("2GB");
  }

  @Test
  void unknownFieldNamesFileLineAndField() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "bindAddress: 127.0.0.1\napi:\n  prot: 8080\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("collector.yaml:3: api.prot: unknown field; expected one of [port]");
  }

  @Test
  void wrongTypeNamesFileLineAndField() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "otlp:\n  httpPort: lots\n"))
        .hasMessageStartingWith("collector.yaml:2: otlp.httpPort: expected a whole number, found 'lots'");
  }

  @Test
  void rejectsPortOutOfRange() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: 70000\n"))
        .hasMessage("collector.yaml:2: api.port: must be between 0 and 65535, was 70000");
  }

  @Test
  void badMemoryLimitIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "storage:\n  memoryLimit: plenty\n"))
        .hasMessageStartingWith("collector.yaml:2: storage.memoryLimit: must be a size such as 512MB or 2GB");
  }

  @Test
  void invalidYamlNamesTheLine() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: 8080\n  - item\n"))
        .hasMessageStartingWith("collector.yaml:3")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aFractionIsNoPort() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "bindAddress: 127.0.0.1\napi:\n  port: 1.5\n"))
        .hasMessage("collector.yaml:3: api.port: expected a whole number, found '1.5'");
  }

  @Test
  void aQuotedNumberIsNoPort() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "api:\n  port: \"8080\"\n"))
        .hasMessage("collector.yaml:2: api.port: expected a whole number, found the quoted text \"8080\"");
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
  void anUnresolvableBindAddressIsExplained() {
    assertThatThrownBy(() -> loader.parse("collector.yaml", "bindAddress: no-such-host.invalid\n"))
        .hasMessageStartingWith("collector.yaml:1: bindAddress: 'no-such-host.invalid' is neither");
  }

  @Test
  void anUnreadableFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
        .hasMessage(dir.resolve("missing.yaml") + ": cannot read the collector config: no such file");
    assertThatThrownBy(() -> loader.load(dir))
        .hasMessage(dir + ": cannot read the collector config: it is a directory");
  }

  @Test
  void theShippedConfigIsValidAndHoldsTheDefaults() throws ConfigException {
    CollectorConfig shipped = loader.load(Path.of("..", "config", "collector.yaml"));
    assertThat(shipped).isEqualTo(CollectorConfig.defaults());
  }
}
