package io.touchline.collector;

import io.touchline.collector.commit.CommitPublisher;
import io.touchline.collector.commit.LiveFeedListener;
import io.touchline.collector.commit.ProfileIndexFeed;
import io.touchline.collector.commit.Retention;
import io.touchline.collector.commit.ViewColumnsFeed;
import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.config.KeyTypeConfig;
import io.touchline.collector.config.Scope;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.http.HttpPort;
import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.ingest.OtlpGrpcServer;
import io.touchline.collector.ingest.OtlpHttpHandler;
import io.touchline.collector.ingest.SpanLimits;
import io.touchline.collector.ingest.SpanTranslator;
import io.touchline.collector.ingest.TraceIngest;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.TouchpointListQuery;
import io.touchline.collector.query.views.CatalogQuery;
import io.touchline.collector.rules.RulesException;
import io.touchline.collector.rules.RulesLoader;
import io.touchline.collector.rules.RulesSource;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.StorageHealth;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.collector.store.WriteQueue;
import io.touchline.collector.tls.ClearTextWarning;
import io.touchline.collector.tls.ServerTls;
import io.touchline.collector.web.ApiHandler;
import io.touchline.collector.web.BearerTokenFilter;
import io.touchline.collector.web.HealthReport;
import io.touchline.keys.Placeholders;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The running collector: wires ingest → store → query → API and owns their lifecycle. Data flows
 * one way; this class is the only place that knows every part.
 */
public final class Collector implements AutoCloseable {

  /**
   * OTLP requests working at once: they mostly wait for the commit that holds their batch; the more
   * wait together, the bigger each group commit, so there are many more of them than cores.
   */
  private static final int OTLP_CONCURRENCY = 32;

  /** API requests working at once (queries on the store and the views). */
  private static final int API_CONCURRENCY = 8;

  private static final int MAX_GROUP_SPANS = 10_000;
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
  private static final String PROFILE_INDEX = "profile index";

  private final CollectorConfig config;
  private final ServerTls tls;
  private final Database database;
  private final CollectorThreads threads = new CollectorThreads();
  private final TouchpointStore store;
  private final CommitPublisher listeners = new CommitPublisher();
  private final ProfileIndexFeed indexFeed;
  private final ViewColumnsFeed viewColumns;
  private final WriteQueue writeQueue;
  private final TraceIngest ingest;
  private OtlpGrpcServer grpcServer;
  private final IngestCounters ingestCounters = new IngestCounters();
  private final HttpPort otlpServer;
  private final HttpPort apiServer;

  /** A thread per open live stream, apart from the API's, so streams never starve requests. */
  private final ExecutorService liveThreads = threads.pool("touchline-live", LiveFeed.MAX_WATCHERS);

  private final RequestGate otlpGate = new RequestGate();
  private final RequestGate apiGate = new RequestGate();
  private final CollectorMetrics metrics;
  private final IngestLog ingestLog;
  private final ScheduledExecutorService maintenance = threads.scheduler("touchline-maintenance");
  private final AtomicBoolean ready = new AtomicBoolean();

  /** The rules in force, when collector.yaml names a rules file; nothing decides on them yet. */
  private RulesSource rules;

  private final AtomicBoolean closed = new AtomicBoolean();

  private Collector(CollectorConfig config, ServerTls tls, Database database)
      throws IOException, SQLException {
    this.config = config;
    this.tls = tls;
    this.database = database;
    KeyTypes keyTypes = KeyTypes.from(config.keyTypes());
    this.store = new TouchpointStore(database);
    ProfileIndex index = new ProfileIndex(keyTypes, ProfileIndexFeed.source(store));
    this.indexFeed =
        new ProfileIndexFeed(index, store, threads.background("touchline-index-rebuild"));
    this.viewColumns = new ViewColumnsFeed(store, threads.background("touchline-views-load"));
    LiveFeed liveFeed = new LiveFeed();
    // The order matters: the views' columns first, so that whatever a profile shows has its
    // columns.
    listeners.register("views' columns", viewColumns, viewColumns::rebuild, viewColumns.progress());
    listeners.register(PROFILE_INDEX, indexFeed, indexFeed::rebuild);
    listeners.register("live feed", LiveFeedListener.of(liveFeed), () -> {});
    store.publishTo(listeners);
    // The index first, the columns after it: on two cores the two reads slowed each other down
    // and the collector was ready later. The columns load in the background.
    indexFeed.rebuild();
    viewColumns.rebuild();
    this.metrics = new CollectorMetrics(ingestCounters, this::queuedSpans, database::sizeInBytes);
    metrics.registerListeners(listeners::health);
    this.writeQueue =
        new WriteQueue(
            store,
            config.storage().writeQueueSpans(),
            MAX_GROUP_SPANS,
            metrics::recordCommit,
            threads.single("touchline-writer"));
    metrics.registerStorage(
        () -> writeQueue.health().failing(), () -> writeQueue.health().failures(), store::reopens);
    SpanTranslator translator =
        new SpanTranslator(
            keyTypes,
            Placeholders.withExtra(config.placeholders()),
            SpanLimits.from(config.limits()),
            Clock.systemUTC());
    this.ingest = new TraceIngest(translator, writeQueue, ingestCounters, COMMIT_TIMEOUT);
    // One context for every path, so that a wrong path gets the same kind of answer as a wrong
    // body.
    OtlpHttpHandler otlp =
        new OtlpHttpHandler(ingest, config.otlp().maxBodyBytes(), OTLP_CONCURRENCY);
    ProfileQuery profiles = new ProfileQuery(store, index.lookup(), keyTypes, config.hashSecret());
    Journeys journeys =
        new Journeys(
            index,
            viewColumns.columns(),
            viewColumns.attributes(),
            config.journeys().gap(),
            threads.background("touchline-views-snapshot"));
    CatalogQuery catalog = new CatalogQuery(journeys, viewColumns.attributes()::names);
    BearerTokens tokens = BearerTokens.of(config.auth());
    ApiHandler api =
        new ApiHandler(
            profiles,
            new TouchpointListQuery(store, index.lookup(), profiles),
            new ProfileEraser(
                profiles, store, index.lookup(), () -> listeners.upToDate(PROFILE_INDEX)),
            ready::get,
            this::health,
            metrics,
            journeys,
            catalog,
            liveFeed,
            liveThreads,
            config.auth().guardsApi() ? tokens : null);
    this.ingestLog = new IngestLog(ingestCounters, this::queuedSpans);
    HttpPort otlpListening = null;
    try {
      otlpListening =
          HttpListeners.listen(
              "otlp",
              config.bindAddress(),
              "otlp.httpPort",
              config.otlp().httpPort(),
              tls,
              config.http(),
              otlp,
              otlpGate,
              config.auth().guardsIngest()
                  ? BearerTokenFilter.requiring(tokens, Scope.INGEST, otlp::refuseToken)
                  : null,
              0, // the handler takes its permit once the body is in
              threads.numbered("touchline-otlp"));
      apiServer =
          HttpListeners.listen(
              "api",
              config.bindAddress(),
              "api.port",
              config.api().port(),
              tls,
              config.http(),
              api,
              apiGate,
              api.tokenFilter(),
              API_CONCURRENCY,
              threads.numbered("touchline-api"));
    } catch (IOException e) {
      if (otlpListening != null) {
        otlpListening.close();
      }
      closeQuietly(writeQueue);
      store.close();
      threads.close();
      throw e;
    }
    otlpServer = otlpListening;
  }

  /**
   * Tells {@code report} once the analyst views have read the stored touchpoints back after the
   * start (they answer 503 until then): how many and how long, or why they could not.
   */
  public void whenAnalystViewsLoaded(java.util.function.Consumer<String> report) {
    viewColumns.whenLoaded(report);
  }

  /**
   * Whether the store writes and how each listener of its commits is doing, as {@code /api/health}
   * answers it.
   */
  private HealthReport health() {
    StorageHealth storage = writeQueue.health();
    return HealthReport.of(
        new HealthReport.Storage(
            storage.failing() ? "failing" : "ok",
            storage.failures(),
            store.reopens(),
            storage.lastFailure(),
            storage.lastFailureAt() == null ? null : storage.lastFailureAt().toString(),
            storage.failingSince() == null ? null : storage.failingSince().toString()),
        listeners.health().stream()
            .map(
                listener ->
                    new HealthReport.Listener(
                        listener.name(),
                        listener.state().name().toLowerCase(Locale.ROOT),
                        listener.failures(),
                        listener.lastFailure(),
                        listener.lastFailureAt() == null
                            ? null
                            : listener.lastFailureAt().toString()))
            .toList());
  }

  /**
   * Opens the database and starts listening; returns once both servers accept connections.
   *
   * @throws RulesException when the rules file does not load: before anything is opened
   */
  public static Collector start(CollectorConfig config)
      throws IOException, SQLException, RulesException {
    RulesSource rules = loadRules(config);
    ServerTls tls = serverTls(config);
    Database database =
        Database.open(
            config.storage().directory(),
            config.storage().memoryLimit(),
            config.storage().checkpointThreshold());
    Collector collector;
    try {
      collector = new Collector(config, tls, database);
    } catch (IOException | SQLException | RuntimeException e) {
      database.close(); // nothing was written yet; let the next start have the file
      throw e;
    }
    try {
      collector.grpcServer =
          OtlpGrpcServer.start(
              config.bindAddress(),
              config.otlp().grpcPort(),
              collector.ingest,
              config.otlp().maxBodyBytes(),
              config.auth().guardsIngest() ? BearerTokens.of(config.auth()) : null,
              collector.threads.numbered("touchline-otlp-grpc"),
              tls,
              config.http().header());
    } catch (IOException | RuntimeException e) {
      collector.close();
      throw e;
    }
    collector.warnAtStart();
    collector.startMaintenance();
    if (rules != null) {
      collector.rules = rules;
      rules.watch(collector.threads.scheduler("touchline-rules-watch"));
    }
    collector.ready.set(true);
    return collector;
  }

  /** The rules file collector.yaml names, loaded; null without one. */
  private static RulesSource loadRules(CollectorConfig config) throws RulesException {
    if (config.rules().path().isEmpty()) {
      return null;
    }
    RulesSource rules =
        RulesSource.load(
            config.rules().path().get(),
            new RulesLoader(
                System.getenv(),
                config.keyTypes().stream()
                    .map(KeyTypeConfig::name)
                    .collect(Collectors.toCollection(LinkedHashSet::new))));
    CollectorLog.info(
        "rules "
            + rules.file()
            + ": "
            + rules.current().rules().size()
            + " rules loaded, watched for changes; deciding and sending are not built yet"
            + " (docs/rules.md)");
    return rules;
  }

  /**
   * The rules in force and why the file as it is now is not, if it is not (for health and the API);
   * empty when collector.yaml names no rules file.
   */
  public Optional<RulesSource> rules() {
    return Optional.ofNullable(rules);
  }

  /** The certificate and key of {@code tls}, or null when the ports speak plain HTTP and gRPC. */
  private static ServerTls serverTls(CollectorConfig config) throws IOException {
    if (config.tls() == null) {
      return null;
    }
    try {
      return ServerTls.of(config.tls().credentials());
    } catch (GeneralSecurityException e) {
      throw new IOException("tls: cannot use the certificate and key: " + e.getMessage(), e);
    }
  }

  /** Ports in clear beyond this machine, or a certificate about to expire: said before ready. */
  private void warnAtStart() {
    ClearTextWarning.of(
            config.bindAddress(),
            tls != null,
            List.of(
                grpcServer.port() + " (OTLP/gRPC)",
                otlpServer.port() + " (OTLP/HTTP)",
                apiServer.port() + " (API and UI)"))
        .ifPresent(CollectorLog::warning);
    if (tls != null) {
      tls.expiryWarning(Instant.now()).ifPresent(CollectorLog::warning);
    }
  }

  private long queuedSpans() {
    return writeQueue == null ? 0 : writeQueue.queuedSpans();
  }

  /**
   * The figures of the last minute, in the log; old touchpoints deleted, when a retention is set.
   */
  private void startMaintenance() {
    maintenance.scheduleAtFixedRate(ingestLog::logMinute, 1, 1, TimeUnit.MINUTES);
    config
        .storage()
        .retentionPeriod()
        .ifPresent(
            period ->
                maintenance.scheduleWithFixedDelay(
                    () -> applyRetention(period), 0, 1, TimeUnit.HOURS));
  }

  private void applyRetention(Duration period) {
    try {
      Instant cutoff = Instant.now().minus(period);
      long deleted = Retention.deleteOlderThan(store, listeners, cutoff);
      if (deleted > 0) {
        CollectorLog.info(
            "retention "
                + config.storage().retention()
                + ": deleted "
                + deleted
                + " touchpoints older than "
                + cutoff);
      }
    } catch (Exception e) {
      CollectorLog.error("retention could not delete old touchpoints: " + e.getMessage());
    }
  }

  /**
   * The OTLP/HTTP base URL, {@code https://} with TLS, with the port actually bound (the config may
   * say 0).
   */
  public String otlpHttpUrl() {
    return HttpListeners.url(config.bindAddress(), otlpServer);
  }

  /** The OTLP/gRPC address, {@code host:port}, with the port actually bound. */
  public String otlpGrpcAddress() {
    return HttpListeners.host(config.bindAddress()) + ":" + grpcServer.port();
  }

  /**
   * The OTLP/gRPC endpoint as the ready line shows it: {@code host:port}, or {@code
   * https://host:port} with TLS (how OpenTelemetry exporters are told to use TLS).
   */
  public String otlpGrpcEndpoint() {
    return (tls == null ? "" : "https://") + otlpGrpcAddress();
  }

  /** The API base URL, {@code https://} with TLS, with the port actually bound. */
  public String apiUrl() {
    return HttpListeners.url(config.bindAddress(), apiServer);
  }

  /** Stops accepting, lets requests in flight finish, then checkpoints and closes the database. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    maintenance.shutdownNow();
    if (rules != null) {
      rules.close();
    }
    try {
      // OTLP first: a batch being written is committed and answered before the database closes.
      if (grpcServer != null) {
        grpcServer.close();
      }
      otlpGate.closeAndDrain(10, TimeUnit.SECONDS);
      apiGate.closeAndDrain(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    otlpServer.close();
    apiServer.close();
    liveThreads.shutdownNow(); // open streams end; their clients reconnect to the next collector
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
      CollectorLog.error("error while closing the database: " + e.getMessage());
    }
    threads.close();
  }

  private static void closeQuietly(WriteQueue queue) {
    try {
      queue.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
