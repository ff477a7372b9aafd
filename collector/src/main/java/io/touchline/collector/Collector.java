package io.touchline.collector;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.ingest.OtlpHttpHandler;
import io.touchline.collector.ingest.SpanTranslator;
import io.touchline.collector.ingest.TraceIngest;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.collector.store.WriteQueue;
import io.touchline.collector.web.ApiHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running collector: wires ingest → store → query → API and owns their lifecycle. Data flows
 * one way; this class is the only place that knows every part.
 */
public final class Collector implements AutoCloseable {

  private static final int THREADS_PER_SERVER = 4;
  private static final long WRITE_QUEUE_SPANS = 100_000;
  private static final int MAX_GROUP_SPANS = 10_000;
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private final CollectorConfig config;
  private final Database database;
  private final TouchpointStore store;
  private final WriteQueue writeQueue;
  private final IngestCounters ingestCounters = new IngestCounters();
  private final HttpServer otlpServer;
  private final HttpServer apiServer;
  private final ExecutorService otlpThreads = Executors.newFixedThreadPool(THREADS_PER_SERVER, named("touchline-otlp"));
  private final ExecutorService apiThreads = Executors.newFixedThreadPool(THREADS_PER_SERVER, named("touchline-api"));
  private final RequestGate otlpGate = new RequestGate();
  private final RequestGate apiGate = new RequestGate();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private Collector(CollectorConfig config, Database database) throws IOException, SQLException {
    this.config = config;
    this.database = database;
    this.store = new TouchpointStore(database);
    this.writeQueue = new WriteQueue(store, WRITE_QUEUE_SPANS, MAX_GROUP_SPANS, nanos -> {});
    KeyTypes keyTypes = KeyTypes.defaults();
    TraceIngest ingest =
        new TraceIngest(new SpanTranslator(keyTypes), writeQueue, ingestCounters, COMMIT_TIMEOUT);
    // One context for every path, so that a wrong path gets the same kind of answer as a wrong body.
    HttpHandler otlp = new OtlpHttpHandler(ingest, config.otlp().maxBodyBytes());
    HttpHandler api = new ApiHandler(new ProfileQuery(store, keyTypes), ready::get);
    HttpServer otlpListening = null;
    try {
      otlpListening = listen("otlp.httpPort", config.otlp().httpPort(), otlp, otlpGate, otlpThreads);
      apiServer = listen("api.port", config.api().port(), api, apiGate, apiThreads);
    } catch (IOException e) {
      if (otlpListening != null) {
        otlpListening.stop(0);
      }
      closeQuietly(writeQueue);
      store.close();
      throw e;
    }
    otlpServer = otlpListening;
  }

  /** Opens the database and starts listening; returns once both servers accept connections. */
  public static Collector start(CollectorConfig config) throws IOException, SQLException {
    Database database = Database.open(config.storage().directory(), config.storage().memoryLimit());
    Collector collector;
    try {
      collector = new Collector(config, database);
    } catch (IOException | SQLException | RuntimeException e) {
      database.close(); // nothing was written yet; let the next start have the file
      throw e;
    }
    collector.otlpServer.start();
    collector.apiServer.start();
    collector.ready.set(true);
    return collector;
  }

  private HttpServer listen(String field, int port, HttpHandler handler, RequestGate gate, ExecutorService threads)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.bindAddress(), port), 128);
    } catch (BindException e) {
      throw new BindException(
          "cannot listen on " + config.bindAddress() + ":" + port + " (" + field + "): " + e.getMessage());
    }
    server.createContext("/", handler).getFilters().add(gate);
    server.setExecutor(threads);
    return server;
  }

  /** The OTLP/HTTP base URL, with the port actually bound (the config may say 0). */
  public String otlpHttpUrl() {
    return url(otlpServer);
  }

  /** The API base URL, with the port actually bound. */
  public String apiUrl() {
    return url(apiServer);
  }

  private String url(HttpServer server) {
    String host = config.bindAddress().contains(":") ? "[" + config.bindAddress() + "]" : config.bindAddress();
    return "http://" + host + ":" + server.getAddress().getPort();
  }

  /** Stops accepting, lets requests in flight finish, then checkpoints and closes the database. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    try {
      // OTLP first: a batch being written is committed and answered before the database closes.
      otlpGate.closeAndDrain(10, TimeUnit.SECONDS);
      apiGate.closeAndDrain(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    otlpServer.stop(0);
    apiServer.stop(0);
    shutdown(otlpThreads);
    shutdown(apiThreads);
    try {
      writeQueue.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      store.close();
      database.checkpoint();
      database.close();
    } catch (SQLException e) {
      System.err.println("touchline collector: error while closing the database: " + e.getMessage());
    }
  }

  private static void closeQuietly(WriteQueue queue) {
    try {
      queue.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> new Thread(runnable, prefix + "-" + count.incrementAndGet());
  }
}
