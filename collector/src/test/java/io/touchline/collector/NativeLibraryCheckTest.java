package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which DuckDB library a machine needs, and what is said when the jar lacks it. */
class NativeLibraryCheckTest {

  @Test
  void namesPlatformsAsDuckDbDoes() {
    assertThat(NativeLibraryCheck.platform("Linux", "amd64")).isEqualTo("linux_amd64");
    assertThat(NativeLibraryCheck.platform("Linux", "x86_64")).isEqualTo("linux_amd64");
    assertThat(NativeLibraryCheck.platform("Linux", "aarch64")).isEqualTo("linux_arm64");
    assertThat(NativeLibraryCheck.platform("Mac OS X", "aarch64")).isEqualTo("macos_arm64");
    assertThat(NativeLibraryCheck.platform("Windows 11", "amd64")).isEqualTo("windows_amd64");
  }

  @Test
  void thisMachinesLibraryIsThereAndAnotherMachinesIsNamedWhenMissing() {
    assertThat(
            NativeLibraryCheck.problem(
                System.getProperty("os.name"), System.getProperty("os.arch")))
        .isEmpty();
    assertThat(NativeLibraryCheck.problem("Linux", "riscv64"))
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains("no DuckDB library for this machine (Linux riscv64")
                    .contains("libduckdb_java.so_linux_riscv64")
                    .contains("-Dduckdb.platform"));
  }
}
