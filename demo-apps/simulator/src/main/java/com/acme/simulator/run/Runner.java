package com.acme.simulator.run;

import com.acme.simulator.journey.Action;
import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Visit;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Plays the planned visits against the running apps on one thread, in due-time order, so that a
 * seed always gives the same interactions in the same order; writes one truth line per request.
 */
public final class Runner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** One client for every browser: each request carries its browser's cookies (see Memory). */
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Map<App, String> urls;
  private final long seed;
  private final long minimumGapNanos;
  private final PrintStream progressOut;
  private final boolean terminal;

  /**
   * @param rate at most this many requests per second, over all customers
   */
  public Runner(
      Map<App, String> urls, long seed, double rate, PrintStream progressOut, boolean terminal) {
    this.urls = Map.copyOf(urls);
    this.seed = seed;
    this.minimumGapNanos = (long) (1e9 / rate);
    this.progressOut = progressOut;
    this.terminal = terminal;
  }

  /** A visit's next request, due at a time; {@code order} keeps ties in plan order. */
  private record Due(long dueMillis, long order, Visit visit, int index) {}

  public Summary run(List<Visit> visits, Path truthFile) throws IOException, InterruptedException {
    PriorityQueue<Due> queue =
        new PriorityQueue<>(Comparator.comparingLong(Due::dueMillis).thenComparingLong(Due::order));
    long order = 0;
    long planned = 0;
    Set<String> customers = new HashSet<>();
    Summary summary = new Summary();
    for (Visit visit : visits) {
      queue.add(new Due(visit.dueMillis(), order++, visit, 0));
      planned += visit.actions().size();
      for (Action action : visit.actions()) { // a kiosk visit has two people at the keyboard
        if (customers.add(action.actor().customerNumber())) {
          summary.customersPerScenario.merge(visit.scenario().label(), 1L, Long::sum);
        }
      }
    }
    summary.customers = customers.size();
    Progress progress = new Progress(progressOut, terminal, planned);
    Files.createDirectories(truthFile.toAbsolutePath().getParent());
    long start = System.nanoTime();
    long nextAllowed = start;
    long done = 0;
    try (BufferedWriter truth = Files.newBufferedWriter(truthFile, StandardCharsets.UTF_8)) {
      while (!queue.isEmpty()) {
        Due next = queue.poll();
        long at = Math.max(start + next.dueMillis() * 1_000_000, nextAllowed);
        long wait = at - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the simulation's clock
        }
        nextAllowed = System.nanoTime() + minimumGapNanos;
        Visit visit = next.visit();
        if (next.index() == 0 && visit.newBrowser()) {
          visit.memory().useNewBrowser();
        }
        String id = "i-" + seed + "-" + (done + 1);
        boolean ok = play(visit, visit.actions().get(next.index()), id, truth, summary);
        done++;
        if (ok && next.index() + 1 < visit.actions().size()) {
          queue.add(new Due(next.dueMillis(), order++, visit, next.index() + 1));
        } else if (!ok) {
          done += visit.actions().size() - next.index() - 1; // the rest of this sitting is skipped
        }
        progress.update(done, summary.errors);
      }
    }
    return summary;
  }

  /** Makes one request; false when it did not go as the scenario expects. */
  private boolean play(Visit visit, Action action, String id, BufferedWriter truth, Summary summary)
      throws IOException, InterruptedException {
    String request;
    HttpRequest.Builder http;
    try {
      request = action.requestLine(visit.memory());
      String target = action.target().apply(visit.memory());
      http =
          HttpRequest.newBuilder(
                  URI.create(target.startsWith("http") ? target : urls.get(action.app()) + target))
              .timeout(REQUEST_TIMEOUT)
              .header("X-Request-Id", id);
      String body = action.body() == null ? null : action.body().apply(visit.memory());
      if (body == null) {
        http.method(action.method(), HttpRequest.BodyPublishers.noBody());
      } else {
        http.header(
                "Content-Type",
                action.form() ? "application/x-www-form-urlencoded" : "application/json")
            .method(action.method(), HttpRequest.BodyPublishers.ofString(body));
      }
    } catch (RuntimeException e) {
      summary.error(
          visit.customer().customerNumber()
              + " "
              + visit.scenario().label()
              + ": "
              + e.getMessage());
      return false;
    }
    int status;
    Action.Answer answer;
    try {
      HttpRequest built = withCookies(http, visit.memory().cookies()).build();
      HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
      visit.memory().cookies().put(built.uri(), response.headers().map());
      status = response.statusCode();
      answer =
          new Action.Answer(
              status, response.body(), response.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      status = 0;
      answer = null;
      summary.error(request + " to " + action.app().service() + " failed: " + e.getMessage());
    }
    boolean expected = status == action.expectedStatus();
    Interaction interaction =
        new Interaction(
            id,
            action.actor().customerNumber(),
            visit.scenario().label(),
            action.app().service(),
            action.app().channel(),
            request,
            status,
            expected ? action.touchpoints() : List.of());
    truth.write(JSON.writeValueAsString(interaction));
    truth.newLine();
    summary.record(interaction, expected);
    if (!expected) {
      if (answer != null) {
        summary.error(
            request
                + " to "
                + action.app().service()
                + " answered "
                + status
                + " (expected "
                + action.expectedStatus()
                + "): "
                + answer.body());
      }
      return false;
    }
    try {
      action.remember().accept(visit.memory(), answer);
    } catch (RuntimeException e) {
      summary.error(request + ": " + e.getMessage());
      return false;
    }
    return true;
  }

  /** Adds the cookies the browser holds for the request's address, as a browser would. */
  private static HttpRequest.Builder withCookies(
      HttpRequest.Builder request, java.net.CookieManager cookies) throws IOException {
    URI uri = request.copy().build().uri();
    for (Map.Entry<String, List<String>> header : cookies.get(uri, Map.of()).entrySet()) {
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    return request;
  }

  /** Waits until every app answers {@code GET /health}; names the first that does not. */
  public void awaitApps(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (App app : App.values()) {
      String health = urls.get(app) + "/health";
      while (true) {
        try {
          if (http.send(
                      HttpRequest.newBuilder(URI.create(health))
                          .timeout(Duration.ofSeconds(2))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            break;
          }
        } catch (IOException e) {
          // not up yet
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              "the "
                  + app.service()
                  + " at "
                  + urls.get(app)
                  + " did not answer GET /health within "
                  + timeout.toSeconds()
                  + " s; is it running?");
        }
        Thread.sleep(100);
      }
    }
  }
}
