package io.touchline.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
        .hasMessageStartingWith("collector.yaml:2: otlp.httpPort: expected integer, found 'lots'");
  }

  @Test
  void outOfRangePortIsExplained() {
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
}
