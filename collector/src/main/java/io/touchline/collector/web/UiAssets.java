package io.touchline.collector.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI's files, served from the collector's own jar so the UI works offline: the pages and
 * scripts under {@code /web/} on the class path, and Apache ECharts from its webjar. Every path
 * that is not an asset is the single page itself, so a deep link such as {@code /funnels?step=…}
 * opens the page, which reads its state from the address.
 */
final class UiAssets {

  /** The UI's paths in the route table: every path that is not the API's. */
  static final PathPattern PATHS = path -> owns(path) ? Optional.of(Map.of()) : Optional.empty();

  static final String ECHARTS_VERSION = "5.3.1";
  private static final String ECHARTS_PATH = "/assets/echarts.min.js";
  private static final String ECHARTS_RESOURCE =
      "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
  private static final String ASSETS = "/assets/";
  private static final String PAGE = "/web/index.html";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  private UiAssets() {}

  /** Whether a path is the UI's rather than the API's. */
  static boolean owns(String path) {
    return !path.startsWith("/api/") && !path.equals("/api") && !path.equals("/metrics");
  }

  /** Answers a GET for a UI path: an asset, or the page for any other path. */
  static void serve(ApiRequest request, ApiResponse response) throws IOException {
    String path = request.path();
    Optional<String> resource = resourceFor(path);
    if (resource.isEmpty()) {
      send(response, 404, "text/plain; charset=utf-8", ("no such asset: " + path).getBytes());
      return;
    }
    try (InputStream in = UiAssets.class.getResourceAsStream(resource.get())) {
      if (in == null) {
        send(response, 404, "text/plain; charset=utf-8", ("no such asset: " + path).getBytes());
        return;
      }
      byte[] body = in.readAllBytes();
      String name = resource.get();
      String type =
          TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
      // The page is small and changes with the collector; assets are versioned by the jar.
      response.header("Cache-Control", name.equals(PAGE) ? "no-cache" : "max-age=3600");
      send(response, 200, type, body);
    }
  }

  private static Optional<String> resourceFor(String path) {
    if (path.equals(ECHARTS_PATH)) {
      return Optional.of(ECHARTS_RESOURCE);
    }
    if (path.startsWith(ASSETS)) {
      String name = path.substring(ASSETS.length());
      // Only plain file names: no way out of the assets folder.
      return name.matches("[A-Za-z0-9_-]+\\.[a-z]+")
          ? Optional.of("/web/" + name)
          : Optional.empty();
    }
    return Optional.of(PAGE);
  }

  private static void send(ApiResponse response, int status, String type, byte[] body)
      throws IOException {
    response.header("Content-Type", type);
    response.send(status, body);
  }
}
