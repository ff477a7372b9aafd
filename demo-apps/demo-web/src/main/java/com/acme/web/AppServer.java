package com.acme.web;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An app's HTTP server: one handler for every path, a small thread pool, a clean stop. */
public final class AppServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads;

  private AppServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static AppServer start(String bindAddress, int port, HttpHandler handler)
      throws IOException {
    // Without it the JDK server's small answers wait ~40 ms for a delayed ACK (Nagle's algorithm).
    // Read once, when the server class is first used: set before the first server is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    server.createContext("/", handler);
    server.setExecutor(threads);
    server.start();
    return new AppServer(server, threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
  }

  /** {@code --port N --bind ADDRESS --data DIR} and an app's own options, each with a value. */
  public record Options(int port, String bind, Path data, Map<String, String> extra) {

    /**
     * @throws IllegalArgumentException naming an unknown option or one without a value
     */
    public static Options parse(String[] args, int defaultPort, Set<String> extraNames) {
      int port = defaultPort;
      String bind = "127.0.0.1";
      Path data = null;
      Map<String, String> extra = new HashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--port" -> port = Integer.parseInt(value);
          case "--bind" -> bind = value;
          case "--data" -> data = Path.of(value);
          default -> {
            if (!extraNames.contains(args[i])) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            }
            extra.put(args[i], value);
          }
        }
      }
      return new Options(port, bind, data, extra);
    }
  }
}
