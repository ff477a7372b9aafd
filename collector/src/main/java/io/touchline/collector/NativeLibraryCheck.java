package io.touchline.collector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Manifest;

/**
 * Whether the jar carries DuckDB's native library for the machine it runs on. The build packs only
 * the library of one platform (the one it was built on, or {@code -Dduckdb.platform}); started
 * elsewhere, DuckDB's own failure is a stack trace naming a temporary file. This says instead what
 * is wrong and what to do, before DuckDB is touched.
 */
final class NativeLibraryCheck {

  private NativeLibraryCheck() {}

  /** The problem, or empty when this machine's library is in the jar. */
  static Optional<String> problem(String osName, String osArch) {
    String platform = platform(osName, osArch);
    String library = "libduckdb_java.so_" + platform;
    if (NativeLibraryCheck.class.getResource("/" + library) != null) {
      return Optional.empty();
    }
    String builtFor = builtFor();
    return Optional.of(
        "this touchline-collector.jar has no DuckDB library for this machine ("
            + osName
            + " "
            + osArch
            + ", "
            + library
            + ")"
            + (builtFor == null ? "" : "; it was built for " + builtFor)
            + ". Build the jar on this machine, or for it with -Dduckdb.platform=<platform>"
            + " (docs/collector-config.md, Platform)");
  }

  /** The platform the jar was built for, as its manifest says; null outside the jar. */
  private static String builtFor() {
    try {
      Enumeration<URL> manifests =
          NativeLibraryCheck.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
      while (manifests.hasMoreElements()) {
        try (InputStream in = manifests.nextElement().openStream()) {
          String platform =
              new Manifest(in).getMainAttributes().getValue("Touchline-DuckDB-Platform");
          if (platform != null) {
            return platform;
          }
        }
      }
    } catch (IOException e) {
      // the message goes without it
    }
    return null;
  }

  /** DuckDB's name for a platform: {@code linux_amd64}, {@code macos_arm64}, ... */
  static String platform(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String family =
        os.contains("win")
            ? "windows"
            : os.contains("mac") || os.contains("darwin") ? "macos" : "linux";
    String arch = osArch.toLowerCase(Locale.ROOT);
    String cpu =
        arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch.replace("x86_64", "amd64");
    return family + "_" + cpu;
  }
}
