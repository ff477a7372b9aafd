package com.acme.simulator.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code simulator accuracy --truth FILE [--api URL] [--out FILE]}: reads every touchpoint the
 * collector stored ({@code GET /api/touchpoints}), joins each to the simulator's ground truth by
 * its {@code demo.interaction} attribute, and reports how well the profiles match the real
 * customers (docs/identity.md, "Accuracy"). The API token, if the collector needs one, comes from
 * {@code TOUCHLINE_API_TOKEN}.
 */
public final class AccuracyCommand {

  /** The attribute the demo's agent configs fill with the request id the simulator sent. */
  static final String INTERACTION_ATTRIBUTE = "demo.interaction";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AccuracyCommand() {}

  /** What a run found: the accuracy, and how the stored touchpoints compare with those expected. */
  public record Report(
      PairwiseAccuracy.Result accuracy,
      long interactions,
      Map<String, Long> expectedPerChannel,
      Map<String, Long> storedPerChannel,
      long storedWithoutTruth) {}

  public static void main(String[] args) {
    String api = "http://127.0.0.1:8080";
    Path truth = null;
    Path out = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage("option " + args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--api" -> api = args[i + 1];
        case "--truth" -> truth = Path.of(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]);
        default -> usage("unknown option " + args[i]);
      }
    }
    if (truth == null) {
      usage("--truth FILE is required");
    }
    try {
      Report report =
          measure(
              URI.create(api.replaceAll("/+$", "")),
              System.getenv("TOUCHLINE_API_TOKEN"),
              TruthFile.read(truth));
      System.out.print(describe(report));
      if (out != null) {
        JSON.writeValue(out.toFile(), report);
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("accuracy: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  private static void usage(String problem) {
    System.err.println("accuracy: " + problem);
    System.err.println("usage: simulator accuracy --truth FILE [--api URL] [--out FILE]");
    System.exit(2);
  }

  /** Pages through every stored touchpoint and scores the profiles against the truth. */
  static Report measure(URI api, String token, TruthFile truth)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    PairwiseAccuracy accuracy = new PairwiseAccuracy();
    Map<String, Long> stored = new TreeMap<>();
    long withoutTruth = 0;
    String cursor = null;
    do {
      String page =
          api
              + "/api/touchpoints?limit=1000"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(page)).timeout(Duration.ofSeconds(60));
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token.trim());
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + page + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode body = JSON.readTree(response.body());
      for (JsonNode touchpoint : body.path("touchpoints")) {
        TruthFile.Interaction interaction =
            truth.find(touchpoint.path("attributes").path(INTERACTION_ATTRIBUTE).asText(""));
        if (interaction == null) {
          withoutTruth++;
          continue;
        }
        stored.merge(touchpoint.path("channel").asText(), 1L, Long::sum);
        if (touchpoint.path("ambiguous").asBoolean(false)) {
          accuracy.ambiguous();
        } else if (touchpoint.path("profileId").isTextual()) {
          accuracy.attributed(touchpoint.get("profileId").asText(), interaction.customer());
        } else {
          accuracy.unattributed();
        }
      }
      cursor = body.path("nextCursor").isTextual() ? body.get("nextCursor").asText() : null;
    } while (cursor != null);
    return new Report(
        accuracy.result(), truth.interactions(), truth.expectedPerChannel(), stored, withoutTruth);
  }

  static String describe(Report report) {
    PairwiseAccuracy.Result r = report.accuracy();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "stitching accuracy over %,d touchpoints of %,d interactions:%n",
            r.touchpoints(), report.interactions()));
    text.append(
        String.format(
            "  precision %.4f  (%,d of %,d pairs in one profile are one customer)%n",
            r.precision(), r.correctPairs(), r.predictedPairs()));
    text.append(
        String.format(
            "  recall    %.4f  (%,d of %,d pairs of one customer are in one profile)%n",
            r.recall(), r.correctPairs(), r.truthPairs()));
    text.append(
        String.format(
            "  coverage  %.4f  (%,d attributed, %,d unattributed, %,d ambiguous)%n",
            r.coverage(), r.attributed(), r.unattributed(), r.ambiguous()));
    text.append(
        String.format(
            "  %,d profiles for %,d customers: %,d profiles mix customers, %,d customers are split%n",
            r.profiles(), r.customers(), r.mixedProfiles(), r.splitCustomers()));
    Map<String, String> channels = new LinkedHashMap<>();
    report
        .expectedPerChannel()
        .forEach(
            (channel, expected) ->
                channels.put(
                    channel,
                    String.format(
                        "%,d of %,d",
                        report.storedPerChannel().getOrDefault(channel, 0L), expected)));
    report
        .storedPerChannel()
        .forEach(
            (channel, stored) -> channels.putIfAbsent(channel, String.format("%,d of 0", stored)));
    text.append("  touchpoints stored / expected per channel: ")
        .append(channels)
        .append(System.lineSeparator());
    if (report.storedWithoutTruth() > 0) {
      text.append(
          String.format(
              "  %,d stored touchpoints have no interaction in the truth file%n",
              report.storedWithoutTruth()));
    }
    return text.toString();
  }
}
