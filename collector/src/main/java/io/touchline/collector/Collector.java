package io.touchline.collector;

import com.sun.net.httpserver.HttpServer;
import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.ingest.OtlpHttpHandler;
import io.touchline.collector.ingest.SpanTranslator;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.collector.web.ApiHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running collector: wires ingest → store → query → API and owns their lifecycle. Data flows
 * one way; this class is the only place that knows every part.
 */
public final class Collector implements AutoCloseable {

  private final CollectorConfig config;
  private final Database database;
  private final TouchpointStore store;
  private final HttpServer otlpServer;
  private final HttpServer apiServer;
  private final ExecutorService otlpThreads;
  private final ExecutorService apiThreads;
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Collector(CollectorConfig config) throws IOException, SQLException {
    this.config = config;
    this.database = Database.open(config.storage().directory(), config.storage().memoryLimit());
    this.store = new TouchpointStore(database);
    KeyTypes keyTypes = KeyTypes.defaults();

    otlpThreads = Executors.newFixedThreadPool(4, named("touchline-otlp"));
    otlpServer = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.otlp().httpPort()), 128);
    otlpServer.createContext(
        "/v1/traces",
        new OtlpHttpHandler(
            new SpanTranslator(keyTypes), store, new IngestCounters(), config.otlp().maxBodyBytes()));
    otlpServer.setExecutor(otlpThreads);

    apiThreads = Executors.newFixedThreadPool(4, named("touchline-api"));
    apiServer = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.api().port()), 128);
    apiServer.createContext("/api/", new ApiHandler(new ProfileQuery(store, keyTypes), ready::get));
    apiServer.setExecutor(apiThreads);
  }

  /** Opens the database and starts listening; returns once both servers accept connections. */
  public static Collector start(CollectorConfig config) throws IOException, SQLException {
    Collector collector = new Collector(config);
    collector.otlpServer.start();
    collector.apiServer.start();
    collector.ready.set(true);
    return collector;
  }

  public String otlpHttpUrl() {
    return "http://" + config.bindAddress() + ":" + otlpServer.getAddress().getPort();
  }

  public String apiUrl() {
    return "http://" + config.bindAddress() + ":" + apiServer.getAddress().getPort();
  }

  /** Stops accepting, lets requests in flight finish, then checkpoints and closes the database. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    otlpServer.stop(2);
    apiServer.stop(1);
    shutdown(otlpThreads);
    shutdown(apiThreads);
    try {
      store.close();
      database.checkpoint();
      database.close();
    } catch (SQLException e) {
      System.err.println("touchline collector: error while closing the database: " + e.getMessage());
    }
  }

  private static void shutdown(ExecutorService threads) {
    threads.shutdown();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    };
  }
}
