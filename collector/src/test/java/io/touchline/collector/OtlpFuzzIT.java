package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.RawGrpcExport;
import io.touchline.collector.testing.TestCollectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of valid, odd and broken OTLP requests over every transport, from a fixed seed: each
 * must be answered, never with a server error, and whatever was stored must stay readable, findable
 * and erasable through the API. A failing input is saved under {@code target/fuzz-failures/} with
 * the seed, transport and input number in its name.
 */
class OtlpFuzzIT {

  private static final long SEED = 0x70C4_11E5L;
  private static final int HTTP_PROTOBUF_INPUTS = 1200;
  private static final int HTTP_JSON_INPUTS = 1000;
  private static final int GRPC_INPUTS = 1000;
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Path FAILURES = Path.of("target", "fuzz-failures");
  private static final String[] KEY_TYPES = {"email", "customer_id", "phone"};
  private static final String[] ODD_STRINGS = {
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
    "\u202Eevil\u202C",
    "\uFEFF",
    "e\u0301\u0301\u0301",
    "=cmd|' /C calc'!A0",
    "-42",
    "\"quoted\",comma\nnewline\r\n",
    "'; DROP TABLE touchpoints; --",
    "\\u0000\\",
    "%00%ff",
    "null",
    "NaN",
    "\t@",
    "\u00e9\u00e8\u4e2d\u6587\u0639\u0631\u0628\u064a",
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  @TempDir Path data;
  private Collector collector;
  private ManagedChannel channel;
  private final List<String> failures = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    collector = TestCollectors.start(data);
    channel = NettyChannelBuilder.forTarget(collector.otlpGrpcAddress()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void everyInputIsAnsweredWithoutAServerErrorAndTheStoreStaysReadable() throws Exception {
    Random random = new Random(SEED);
    for (int n = 0; n < HTTP_PROTOBUF_INPUTS; n++) {
      httpProtobuf(random, n);
    }
    for (int n = 0; n < HTTP_JSON_INPUTS; n++) {
      httpJson(random, n);
    }
    for (int n = 0; n < GRPC_INPUTS; n++) {
      grpc(random, n);
    }
    assertThat(failures).as("seed %d: inputs answered wrongly", SEED).isEmpty();

    storeStaysReadable(random);
  }

  // ---- OTLP/HTTP protobuf ----

  private void httpProtobuf(Random random, int n) {
    byte[] body = request(random, n).toByteArray();
    int shape = random.nextInt(10);
    if (shape >= 4) {
      body = mutateBytes(random, body);
    }
    String encoding = null;
    if (random.nextInt(4) == 0) {
      body = gzip(body);
      encoding = "gzip";
      if (random.nextBoolean()) {
        body = random.nextBoolean() ? truncate(random, body) : mutateBytes(random, body);
      }
    }
    post("http-protobuf", n, "application/x-protobuf", encoding, body);
  }

  // ---- OTLP/HTTP JSON ----

  private void httpJson(Random random, int n) {
    String json;
    try {
      json = hexIds(JsonFormat.printer().print(request(random, n)));
    } catch (Exception e) {
      throw new IllegalStateException("seed " + SEED + ": printing JSON input " + n, e);
    }
    if (random.nextInt(10) >= 3) {
      json = mutateText(random, json);
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0) {
      body = mutateBytes(random, body); // invalid UTF-8 too
    }
    String encoding = null;
    if (random.nextInt(5) == 0) {
      body = gzip(body);
      encoding = "gzip";
      if (random.nextBoolean()) {
        body = truncate(random, body);
      }
    }
    String contentType =
        random.nextBoolean() ? "application/json" : "application/json; charset=utf-8";
    post("http-json", n, contentType, encoding, body);
  }

  private static final Pattern BYTES_ID =
      Pattern.compile("\"(traceId|spanId|parentSpanId)\": \"([A-Za-z0-9+/=]*)\"");

  /** JsonFormat prints bytes as base64; OTLP/JSON has its ids in hex. */
  private static String hexIds(String json) {
    Matcher m = BYTES_ID.matcher(json);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(m.group(2)));
      m.appendReplacement(out, "\"" + m.group(1) + "\": \"" + hex + "\"");
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String mutateText(Random random, String json) {
    StringBuilder text = new StringBuilder(json);
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length());
      switch (random.nextInt(8)) {
        case 0 -> text.setLength(at);
        case 1 -> text.insert(at, (char) random.nextInt(0x80));
        case 2 -> text.insert(at, "{[\"}],:\\'\u0000\uD800".charAt(random.nextInt(11)));
        case 3 -> {
          int quote = text.indexOf("\"", at);
          if (quote >= 0) {
            text.setCharAt(quote, '\'');
          }
        }
        case 4 -> {
          Matcher number = Pattern.compile("\"?-?[0-9]+\"?").matcher(text);
          if (number.find(at) || number.find(0)) {
            String[] huge = {
              "99999999999999999999999999999999",
              "-9223372036854775809",
              "1e999999",
              "-0.5e-400",
              "18446744073709551616",
              "\"1e40\"",
              "NaN",
              "-1",
              "1.5",
              "\"\"",
              "[]",
              "{}"
            };
            text.replace(number.start(), number.end(), huge[random.nextInt(huge.length)]);
          }
        }
        case 5 -> {
          int depth = 1 + random.nextInt(400);
          String value = random.nextBoolean() ? "[" : "{\"a\":";
          String close = value.equals("[") ? "]" : "}";
          String nested = value.repeat(depth) + "1" + close.repeat(depth);
          int colon = text.indexOf(":", at);
          if (colon >= 0) {
            text.insert(colon + 1, nested + (random.nextBoolean() ? "," : ""));
          }
        }
        case 6 -> {
          int depth = 1 + random.nextInt(300);
          String kv =
              "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(depth)
                  + "{\"stringValue\":\"x\"}"
                  + "}]}}".repeat(depth);
          int value = text.indexOf("\"value\": ", at);
          if (value >= 0) {
            int end = text.indexOf("}", value);
            if (end >= 0) {
              text.replace(value + 9, end + 1, kv);
            }
          }
        }
        default -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
      }
    }
    return text.toString();
  }

  private void post(String transport, int n, String contentType, String encoding, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
            .timeout(TIMEOUT)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    String what = "Content-Type: " + contentType + (encoding == null ? "" : ", " + encoding);
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 500) {
        fail(
            transport,
            n,
            what,
            body,
            "answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
    } catch (Exception e) {
      String again;
      try {
        again =
            "status "
                + HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .statusCode();
      } catch (Exception e2) {
        again = e2.toString();
      }
      fail(
          transport,
          n,
          what,
          body,
          "no answer: " + e + " (again on a fresh client: " + again + ")");
    }
  }

  // ---- OTLP/gRPC ----

  private void grpc(Random random, int n) {
    ExportTraceServiceRequest valid = request(random, n);
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (random.nextInt(4) == 0) {
      options = options.withCompression("gzip");
    }
    boolean viaStub = random.nextInt(10) < 4;
    byte[] body = viaStub ? valid.toByteArray() : mutateBytes(random, valid.toByteArray());
    String what =
        (viaStub ? "stub" : "raw bytes") + (options.getCompressor() == null ? "" : ", gzip");
    try {
      if (viaStub) {
        TraceServiceGrpc.TraceServiceBlockingStub stub =
            TraceServiceGrpc.newBlockingStub(channel).withDeadline(options.getDeadline());
        (options.getCompressor() == null ? stub : stub.withCompression("gzip")).export(valid);
      } else {
        ClientCalls.blockingUnaryCall(channel, RawGrpcExport.METHOD, options, body);
      }
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code != Status.Code.INVALID_ARGUMENT && code != Status.Code.RESOURCE_EXHAUSTED) {
        fail("grpc", n, what, body, "answered " + e.getStatus());
      }
    } catch (RuntimeException e) {
      fail("grpc", n, what, body, "no answer: " + e);
    }
  }

  // ---- inputs ----

  /** A request of touchpoint spans; one in three with odd values in its fields. */
  private static ExportTraceServiceRequest request(Random random, int n) {
    boolean odd = random.nextInt(3) == 0;
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    int resources = 1 + random.nextInt(odd ? 4 : 2);
    for (int r = 0; r < resources; r++) {
      Resource.Builder resource =
          Resource.newBuilder().addAttributes(attribute("service.name", text(random, odd, "shop")));
      ScopeSpans.Builder scope = ScopeSpans.newBuilder();
      int spans = 1 + random.nextInt(odd ? 8 : 4);
      for (int s = 0; s < spans; s++) {
        scope.addSpans(span(random, odd, n));
      }
      request.addResourceSpans(
          ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope));
    }
    return request.build();
  }

  private static Span span(Random random, boolean odd, int n) {
    long start = 1_700_000_000_000_000_000L + random.nextInt(1_000_000) * 1_000_000_000L;
    long end = start + random.nextInt(10_000_000);
    if (odd && random.nextInt(3) == 0) {
      long[] times = {
        0,
        -1,
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        1,
        253_402_300_800_000_000L,
        4_102_444_800_000_000_000L
      };
      start = times[random.nextInt(times.length)];
      end = random.nextBoolean() ? start - 1 : times[random.nextInt(times.length)];
    }
    Span.Builder span =
        Span.newBuilder()
            .setName(text(random, odd, "step-" + random.nextInt(20)))
            .setTraceId(id(random, odd, 16))
            .setSpanId(id(random, odd, 8))
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(end)
            .setKind(Span.SpanKind.forNumber(random.nextInt(6)));
    if (random.nextInt(4) == 0) {
      span.setParentSpanId(id(random, odd, 8));
    }
    if (!odd || random.nextInt(4) != 0) {
      span.addAttributes(
          attribute("touchline.touchpoint", text(random, odd, "tp." + random.nextInt(8))));
    }
    span.addAttributes(attribute("touchline.channel", text(random, odd, "web")));
    span.addAttributes(
        attribute("touchline.outcome", random.nextBoolean() ? "success" : "failure"));
    int keys = 1 + random.nextInt(2);
    for (int k = 0; k < keys; k++) {
      String type = KEY_TYPES[random.nextInt(KEY_TYPES.length)];
      String value =
          switch (type) {
            case "email" -> "c" + random.nextInt(500) + "@example.com";
            case "phone" -> "+49 170 " + (1_000_000 + random.nextInt(500));
            default -> "C-" + random.nextInt(500) + "-" + n % 7;
          };
      span.addAttributes(attribute("touchline.key." + type, text(random, odd, value)));
    }
    if (odd) {
      int extra = random.nextInt(4) == 0 ? random.nextInt(2000) : random.nextInt(10);
      for (int a = 0; a < extra; a++) {
        span.addAttributes(
            extra > 10
                ? attribute("attr." + a, "v" + a)
                : KeyValue.newBuilder()
                    .setKey(text(random, true, "attr." + a))
                    .setValue(value(random, random.nextInt(6)))
                    .build());
      }
    }
    return span.build();
  }

  private static AnyValue value(Random random, int depth) {
    AnyValue.Builder value = AnyValue.newBuilder();
    switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
      case 0 -> value.setStringValue(text(random, true, "v"));
      case 1 -> value.setIntValue(random.nextLong());
      case 2 ->
          value.setDoubleValue(
              new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, random.nextDouble()}
                  [random.nextInt(5)]);
      case 3 -> value.setBoolValue(random.nextBoolean());
      case 4 -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        value.setBytesValue(ByteString.copyFrom(bytes));
      }
      case 5 -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
          array.addValues(value(random, depth - 1));
        }
        value.setArrayValue(array);
      }
      default -> {
        KeyValueList.Builder list = KeyValueList.newBuilder();
        int items = random.nextInt(5);
        for (int i = 0; i < items; i++) {
          list.addValues(
              KeyValue.newBuilder()
                  .setKey(text(random, true, "k"))
                  .setValue(value(random, depth - 1)));
        }
        value.setKvlistValue(list);
      }
    }
    return value.build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static String text(Random random, boolean odd, String usual) {
    if (!odd || random.nextInt(3) != 0) {
      return usual;
    }
    return switch (random.nextInt(5)) {
      case 0 -> ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
      case 1 -> usual + ODD_STRINGS[random.nextInt(ODD_STRINGS.length)];
      case 2 -> usual.repeat(1 + random.nextInt(10_000 / usual.length() + 1));
      case 3 -> {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
          s.appendCodePoint(random.nextInt(0x10FFFF));
        }
        yield s.toString();
      }
      default -> new String(randomBytes(random, random.nextInt(40)), StandardCharsets.UTF_8);
    };
  }

  private static ByteString id(Random random, boolean odd, int length) {
    if (odd && random.nextInt(5) == 0) {
      int[] lengths = {0, 1, length - 1, length + 1, 32, 100};
      length = lengths[random.nextInt(lengths.length)];
    }
    byte[] id = randomBytes(random, length);
    if (odd && random.nextInt(10) == 0) {
      id = new byte[length];
    }
    return ByteString.copyFrom(id);
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] mutateBytes(Random random, byte[] body) {
    switch (random.nextInt(6)) {
      case 0 -> {
        return randomBytes(random, random.nextInt(random.nextBoolean() ? 16 : 4096));
      }
      case 1 -> {
        return truncate(random, body);
      }
      case 2 -> {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        byte[] inserted = randomBytes(random, 1 + random.nextInt(32));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
      }
      default -> {
        byte[] copy = body.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && copy.length > 0; i++) {
          copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return copy;
      }
    }
  }

  private static byte[] truncate(Random random, byte[] body) {
    return java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zipped.toByteArray();
  }

  // ---- failures ----

  private void fail(String transport, int n, String what, byte[] input, String problem) {
    String name = "seed-" + SEED + "-" + transport + "-" + n;
    try {
      Files.createDirectories(FAILURES);
      Files.write(FAILURES.resolve(name + ".bin"), input);
      Files.writeString(FAILURES.resolve(name + ".txt"), what + "\n" + problem + "\n");
    } catch (IOException e) {
      problem += " (could not save the input: " + e + ")";
    }
    failures.add(
        "seed "
            + SEED
            + ", "
            + transport
            + " input "
            + n
            + " ("
            + what
            + ", saved as "
            + FAILURES.resolve(name + ".bin").toAbsolutePath()
            + "): "
            + (problem.length() > 500 ? problem.substring(0, 500) + "…" : problem));
  }

  // ---- the store afterwards ----

  private HttpResponse<String> api(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(collector.apiUrl() + path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> apiOk(String method, String path) throws Exception {
    return apiAnswering(method, path, 200);
  }

  private HttpResponse<String> apiAnswering(String method, String path, Integer... statuses)
      throws Exception {
    HttpResponse<String> response = api(method, path);
    String body = response.body();
    assertThat(response.statusCode())
        .as(
            "seed %d: %s %s answered %s",
            SEED, method, path, body.length() > 2000 ? body.substring(0, 2000) + "…" : body)
        .isIn((Object[]) statuses);
    return response;
  }

  private void storeStaysReadable(Random random) throws Exception {
    apiOk("GET", "/api/health");
    apiOk("GET", "/api/stats");

    List<JsonNode> touchpoints = new ArrayList<>();
    String cursor = null;
    do {
      String path =
          "/api/touchpoints?limit=1000"
              + (cursor == null
                  ? ""
                  : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = MAPPER.readTree(apiOk("GET", path).body());
      page.get("touchpoints").forEach(touchpoints::add);
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    assertThat(touchpoints).as("seed %d: touchpoints stored", SEED).isNotEmpty();

    int csvRows = 0;
    String next = "/api/touchpoints?limit=1000&format=csv";
    while (next != null) {
      HttpResponse<String> page = apiOk("GET", next);
      csvRows += csvRecords(page.body()) - 1;
      next =
          page.headers()
              .firstValue("Link")
              .map(link -> link.replaceAll("^<([^>]*)>.*$", "$1"))
              .map(url -> url.substring(url.indexOf("/api/")))
              .orElse(null);
    }
    assertThat(csvRows).as("seed %d: rows in CSV", SEED).isEqualTo(touchpoints.size());

    int sampled = 0;
    for (int i = 0; i < 50 && !touchpoints.isEmpty(); i++) {
      JsonNode touchpoint = touchpoints.get(random.nextInt(touchpoints.size()));
      Iterator<Map.Entry<String, JsonNode>> keys = touchpoint.get("keys").fields();
      if (!keys.hasNext()) {
        continue;
      }
      Map.Entry<String, JsonNode> key = keys.next();
      JsonNode value = key.getValue().isArray() ? key.getValue().get(0) : key.getValue();
      // As docs/api.md writes a key in a query: a space is %20 (the API reads "+" as a plus).
      String param =
          URLEncoder.encode(key.getKey() + ":" + value.asText(), StandardCharsets.UTF_8)
              .replace("+", "%20");
      // 409: the key is shared by several customers, which the answer lists.
      int found = apiAnswering("GET", "/api/profiles?key=" + param, 200, 409).statusCode();
      int erasable =
          apiAnswering("DELETE", "/api/profiles?key=" + param + "&dryRun=true", 200, 409)
              .statusCode();
      assertThat(erasable)
          .as("seed %d: dry run of %s after lookup %d", SEED, param, found)
          .isEqualTo(found);
      sampled += found == 200 ? 1 : 0;
    }
    assertThat(sampled)
        .as("seed %d: sampled touchpoints whose profile was found", SEED)
        .isPositive();

    apiOk("GET", "/metrics");
  }

  /** Records in a CSV text, quoted fields with line breaks counted once. */
  private static int csvRecords(String csv) {
    int records = 0;
    boolean quoted = false;
    boolean inRecord = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        inRecord = true;
      } else if (c == '\n' && !quoted) {
        records++;
        inRecord = false;
      } else if (c != '\r') {
        inRecord = true;
      }
    }
    return records + (inRecord ? 1 : 0);
  }
}
