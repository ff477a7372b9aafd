package io.touchline.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The collector's settings, from {@code config/collector.yaml}; every field has a default.
 *
 * @param bindAddress the address every listener binds to; loopback unless you mean otherwise
 * @param otlp where spans are received
 * @param api where the REST API answers
 * @param storage where the database lives
 */
public record CollectorConfig(String bindAddress, Otlp otlp, Api api, Storage storage) {

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  public CollectorConfig {
    bindAddress = bindAddress == null || bindAddress.isBlank() ? DEFAULT_BIND_ADDRESS : bindAddress.trim();
    checkResolvable(bindAddress);
    otlp = otlp == null ? new Otlp(null, null) : otlp;
    api = api == null ? new Api(null) : api;
    storage = storage == null ? new Storage(null, null) : storage;
  }

  /** Fails at config time, with the field's name, rather than at bind time with "Unresolved address". */
  private static void checkResolvable(String address) {
    try {
      InetAddress.getByName(address);
    } catch (UnknownHostException | SecurityException e) {
      throw new InvalidFieldException("bindAddress", "'" + address + "' is neither an IP address nor a host name that resolves");
    }
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(null, null, null, null);
  }

  /**
   * @param httpPort OTLP/HTTP ({@code POST /v1/traces}); 0 picks a free port
   * @param maxBodyBytes requests with a larger body are refused with 413
   */
  public record Otlp(Integer httpPort, Long maxBodyBytes) {
    public Otlp {
      httpPort = Ports.check("otlp.httpPort", httpPort, 4318);
      maxBodyBytes = maxBodyBytes == null ? 16L * 1024 * 1024 : maxBodyBytes;
      if (maxBodyBytes <= 0) {
        throw new InvalidFieldException("otlp.maxBodyBytes", "must be positive, was " + maxBodyBytes);
      }
    }
  }

  /** @param port the REST API; 0 picks a free port */
  public record Api(Integer port) {
    public Api {
      port = Ports.check("api.port", port, 8080);
    }
  }

  /**
   * @param path the directory holding {@code touchline.duckdb}; created when missing
   * @param memoryLimit DuckDB's memory limit, e.g. {@code 512MB}; larger queries spill to disk
   */
  public record Storage(String path, String memoryLimit) {
    public Storage {
      path = path == null || path.isBlank() ? "./data" : path.trim();
      memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? "512MB" : memoryLimit.trim();
      if (!memoryLimit.matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
        throw new InvalidFieldException(
            "storage.memoryLimit", "must be a size such as 512MB or 2GB, was '" + memoryLimit + "'");
      }
    }

    public Path directory() {
      return Paths.get(path);
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
