package io.touchline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times the analyst views' API over a collector that holds the load of {@link IngestLoad}: each
 * view asked {@code --rounds} times in turn (after one warm-up round), sequentially, and its
 * p50/p95/max reported. The first request of the run is reported apart: it builds the views'
 * snapshot of every profile, which later requests reuse until touchpoints arrive; so is the first
 * use of the segment attribute, which reads it from the store once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.touchline.bench.ViewLoad --api http://127.0.0.1:8080 --rounds 20
 * </pre>
 */
public final class ViewLoad {

  /**
   * The views and the requests that exercise them, on the names {@link LoadData} sends ({@link
   * #views} adapts them to the realistic journeys).
   */
  static final Map<String, String> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("overview", "/api/overview?tz=Europe/Berlin");
    VIEWS.put("overview segment", "/api/overview?segment=customer.tier:gold");
    VIEWS.put("catalog", "/api/catalog");
    VIEWS.put("segments", "/api/segments?attribute=customer.tier");
    VIEWS.put("flows channel", "/api/flows?by=channel");
    VIEWS.put("flows touchpoint", "/api/flows?by=touchpoint&minCount=100");
    VIEWS.put(
        "funnel 3 steps",
        "/api/funnels?step=page.view&step=cart.add&step=order.placed@web&window=7d");
    VIEWS.put(
        "funnel breakdown",
        "/api/funnels?step=page.view&step=cart.add&step=order.placed&breakdown=attribute:customer.tier");
    VIEWS.put(
        "funnel customers",
        "/api/funnels/customers?step=page.view&step=cart.add&step=order.placed&stepIndex=2&outcome=dropped");
    VIEWS.put("paths", "/api/paths?touchpoint=cart.add&direction=after&depth=3");
    VIEWS.put("pain points", "/api/pain-points");
    VIEWS.put("attribution", "/api/attribution?goal=order.placed");
  }

  private ViewLoad() {}

  public static void main(String[] args) throws Exception {
    String api = null;
    int rounds = 20;
    String data = "uniform";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--api" -> api = args[i + 1].replaceAll("/$", "");
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--data" -> data = args[i + 1];
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + "; use --api URL [--rounds N] [--data uniform|realistic]");
      }
    }
    if (api == null) {
      System.err.println(
          "usage: ViewLoad --api http://127.0.0.1:8080 [--rounds 20] [--data uniform|realistic]");
      System.exit(2);
    }
    Map<String, String> views = views(data);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    long first = time(http, api + views.get("overview"));
    System.out.printf(Locale.ROOT, "first request (builds the snapshot): %.0f ms%n", first / 1e6);
    long attribute = time(http, api + views.get("segments"));
    System.out.printf(
        Locale.ROOT,
        "first use of customer.tier (reads the attribute from the store): %.0f ms%n",
        attribute / 1e6);
    Map<String, IngestLoad.Latencies> latencies = new LinkedHashMap<>();
    views.keySet().forEach(view -> latencies.put(view, new IngestLoad.Latencies()));
    for (int round = -1; round < rounds; round++) {
      for (Map.Entry<String, String> view : views.entrySet()) {
        long took = time(http, api + view.getValue());
        if (round >= 0) {
          latencies.get(view.getKey()).add(took);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-18s %9s %9s %9s   (%d rounds, sequential)%n",
        "view",
        "p50 ms",
        "p95 ms",
        "max ms",
        rounds);
    latencies.forEach(
        (view, l) ->
            System.out.printf(
                Locale.ROOT,
                "%-18s %9.1f %9.1f %9.1f%n",
                view,
                l.percentileMs(50),
                l.percentileMs(95),
                l.percentileMs(100)));
  }

  /**
   * The requests for the data loaded: the realistic journeys (the demo apps' touchpoints) browse
   * products where the uniform load views pages.
   */
  static Map<String, String> views(String data) {
    if (data.equals("uniform")) {
      return VIEWS;
    }
    if (!data.equals("realistic")) {
      throw new IllegalArgumentException("--data must be uniform or realistic, was '" + data + "'");
    }
    Map<String, String> views = new LinkedHashMap<>();
    VIEWS.forEach((view, request) -> views.put(view, request.replace("page.view", "product.view")));
    return views;
  }

  private static long time(HttpClient http, String url) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - start;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return took;
  }
}
