package com.acme.callcenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.callcenter.directory.Directory;
import com.acme.web.AppServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real call center on a free port, driven over HTTP as the switch and the agent desk would. One
 * app serves the whole class (a server's stop waits out its grace second); every test starts its
 * own calls, so none depends on another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallCenterApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NINE_AM = Instant.parse("2026-03-02T09:00:00Z");

  private final HttpClient http = HttpClient.newHttpClient();
  private final SteppingClock clock = new SteppingClock(NINE_AM);
  private CallCenterApplication app;

  @BeforeAll
  void start() throws Exception {
    app = CallCenterApplication.start("127.0.0.1", 0, Directory.builtIn(), clock);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void answersHealthChecks() throws Exception {
    assertThat(ok("GET", "/health", null, 200).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aCallerIsIdentifiedGetsATicketACallbackAndHangsUp() throws Exception {
    JsonNode call = ok("POST", "/calls", "{\"from\":\"+44 20 7946 0102\"}", 201);
    String callId = call.get("callId").asText();
    assertThat(callId).startsWith("CALL-");
    assertThat(call.get("from").asText()).isEqualTo("+44 20 7946 0102");
    assertThat(call.get("ended").asBoolean()).isFalse();

    assertThat(
            ok("POST", "/calls/" + callId + "/ivr", "{\"option\":\"billing\"}", 200)
                .get("ivrOption")
                .asText())
        .isEqualTo("billing");

    // The desk types the number without spaces: the directory compares digits.
    JsonNode found = ok("GET", "/directory?phone=" + encoded("+442079460102"), null, 200);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).get("customerNumber").asText()).isEqualTo("C-1002");
    assertThat(found.get(0).get("name").asText()).isEqualTo("Bruno Keller");
    assertThat(found.get(0).get("tier").asText()).isEqualTo("silver");

    JsonNode identified =
        ok(
            "POST",
            "/calls/" + callId + "/customer",
            "{\"phone\":\"020 7946 0102\",\"customerNumber\":\"C-1002\"}",
            200);
    assertThat(identified.get("customerNumber").asText()).isEqualTo("C-1002");
    assertThat(identified.get("tier").asText()).isEqualTo("silver");
    assertThat(identified.get("identifiedPhone").asText())
        .as("what the agent typed, as typed")
        .isEqualTo("020 7946 0102");
    assertThat(identified.get("from").asText()).isEqualTo("+44 20 7946 0102");

    JsonNode ticket =
        ok(
            "POST",
            "/tickets",
            "{\"callId\":\""
                + callId
                + "\",\"customerNumber\":\"C-1002\",\"subject\":\"card declined\"}",
            201);
    String ticketId = ticket.get("ticketId").asText();
    assertThat(ticketId).startsWith("T-");
    assertThat(ticket.get("callId").asText()).isEqualTo(callId);
    assertThat(ticket.get("customerNumber").asText()).isEqualTo("C-1002");
    assertThat(ticket.get("tier").asText()).isEqualTo("silver");
    assertThat(ticket.get("subject").asText()).isEqualTo("card declined");
    assertThat(ticket.get("resolved").asBoolean()).isFalse();

    JsonNode resolved = ok("POST", "/tickets/" + ticketId + "/resolve", null, 200);
    assertThat(resolved.get("resolved").asBoolean()).isTrue();
    assertThat(resolved.get("customerNumber").asText()).isEqualTo("C-1002");

    JsonNode callback =
        ok(
            "POST",
            "/callbacks",
            "{\"customerNumber\":\"C-1002\",\"phone\":\"+44 20 7946 0102\",\"inMinutes\":30}",
            201);
    assertThat(callback.get("callbackId").asText()).startsWith("CB-");
    assertThat(callback.get("phone").asText()).isEqualTo("+44 20 7946 0102");
    assertThat(Instant.parse(callback.get("due").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

    clock.advance(Duration.ofSeconds(125));
    JsonNode ended = ok("POST", "/calls/" + callId + "/end", null, 200);
    assertThat(ended.get("ended").asBoolean()).isTrue();
    assertThat(ended.get("durationSeconds").asLong())
        .as("seconds on the app's clock")
        .isEqualTo(125);

    clock.advance(Duration.ofSeconds(60));
    assertThat(ok("POST", "/calls/" + callId + "/end", null, 200).get("durationSeconds").asLong())
        .as("a call ends once: a repeated hang-up keeps the first time")
        .isEqualTo(125);
  }

  @Test
  void aHouseholdPhoneListsBothCustomersOnIt() throws Exception {
    assertThat(ok("GET", "/directory?phone=" + encoded("+44 20 7946 0105"), null, 200))
        .extracting(e -> e.get("customerNumber").asText())
        .containsExactlyInAnyOrder("C-1005", "C-1006");
    assertThat(ok("GET", "/directory?phone=" + encoded("+44 (20) 7946-0105"), null, 200))
        .hasSize(2);
    assertThat(ok("GET", "/directory?phone=" + encoded("+44 20 7946 0199"), null, 200)).isEmpty();
    assertThat(
            ok("GET", "/directory?phone=" + encoded(CallCenterApplication.OWN_NUMBER), null, 200))
        .as("the call center's own number is on no directory line")
        .isEmpty();
  }

  @Test
  void anAgentWhoTypesTheCallCentersOwnNumberIsNotStopped() throws Exception {
    String callId =
        ok("POST", "/calls", "{\"from\":\"+44 20 7946 0105\"}", 201).get("callId").asText();
    JsonNode identified =
        ok(
            "POST",
            "/calls/" + callId + "/customer",
            "{\"phone\":\""
                + CallCenterApplication.OWN_NUMBER
                + "\",\"customerNumber\":\"C-1006\"}",
            200);
    assertThat(identified.get("identifiedPhone").asText())
        .isEqualTo(CallCenterApplication.OWN_NUMBER);
    assertThat(identified.get("from").asText()).isEqualTo("+44 20 7946 0105");
    assertThat(identified.get("customerNumber").asText()).isEqualTo("C-1006");
    assertThat(identified.get("tier").asText()).isEqualTo("basic");
  }

  @Test
  void aMissingOrEmptyFieldIsA400NamingIt() throws Exception {
    String callId =
        ok("POST", "/calls", "{\"from\":\"+44 20 7946 0101\"}", 201).get("callId").asText();
    assertError("POST", "/calls", "{}", 400, "from is required");
    assertError("POST", "/calls", "{\"from\":\"  \"}", 400, "from is required");
    assertError("POST", "/calls", null, 400, "from is required");
    assertError("POST", "/calls/" + callId + "/ivr", "{}", 400, "option is required");
    assertError(
        "POST",
        "/calls/" + callId + "/customer",
        "{\"customerNumber\":\"C-1001\"}",
        400,
        "phone is required");
    assertError(
        "POST",
        "/calls/" + callId + "/customer",
        "{\"phone\":\"+44 20 7946 0101\"}",
        400,
        "customerNumber is required");
    assertError(
        "POST",
        "/tickets",
        "{\"customerNumber\":\"C-1001\",\"subject\":\"late\"}",
        400,
        "callId is required");
    assertError(
        "POST",
        "/tickets",
        "{\"callId\":\"" + callId + "\",\"subject\":\"late\"}",
        400,
        "customerNumber is required");
    assertError(
        "POST",
        "/tickets",
        "{\"callId\":\"" + callId + "\",\"customerNumber\":\"C-1001\"}",
        400,
        "subject is required");
    assertError(
        "POST",
        "/callbacks",
        "{\"phone\":\"+44 20 7946 0101\",\"inMinutes\":5}",
        400,
        "customerNumber is required");
    assertError(
        "POST",
        "/callbacks",
        "{\"customerNumber\":\"C-1001\",\"phone\":\"+44 20 7946 0101\"}",
        400,
        "inMinutes must be a whole number");
    assertError("GET", "/directory", null, 400, "query parameter phone is required");
    assertError("GET", "/directory?phone=", null, 400, "query parameter phone is required");
  }

  @Test
  void aMalformedRequestIsA400SayingWhatIsWrong() throws Exception {
    String callId =
        ok("POST", "/calls", "{\"from\":\"+44 20 7946 0101\"}", 201).get("callId").asText();
    assertThat(ok("POST", "/calls", "not json", 400).get("error").asText())
        .startsWith("the body is not JSON");
    assertError("POST", "/calls", "[\"+44 20 7946 0101\"]", 400, "the body must be a JSON object");
    assertError(
        "POST",
        "/calls/" + callId + "/ivr",
        "{\"option\":\"sales\"}",
        400,
        "option must be one of orders, billing, agent, was 'sales'");
    assertError(
        "POST",
        "/callbacks",
        "{\"customerNumber\":\"C-1001\",\"phone\":\"1\",\"inMinutes\":\"soon\"}",
        400,
        "inMinutes must be a whole number");
    assertError(
        "POST",
        "/callbacks",
        "{\"customerNumber\":\"C-1001\",\"phone\":\"1\",\"inMinutes\":-5}",
        400,
        "inMinutes must be from 0 to a week (10080), was -5");
  }

  @Test
  void anUnknownCallTicketOrCustomerIsA404() throws Exception {
    assertError("POST", "/calls/CALL-1/ivr", "{\"option\":\"agent\"}", 404, "no call CALL-1");
    assertError(
        "POST",
        "/calls/CALL-1/customer",
        "{\"phone\":\"+44 20 7946 0101\",\"customerNumber\":\"C-1001\"}",
        404,
        "no call CALL-1");
    assertError("POST", "/calls/CALL-1/end", null, 404, "no call CALL-1");
    assertError(
        "POST",
        "/tickets",
        "{\"callId\":\"CALL-1\",\"customerNumber\":\"C-1001\",\"subject\":\"late\"}",
        404,
        "no call CALL-1");
    assertError("POST", "/tickets/T-1/resolve", null, 404, "no ticket T-1");

    String callId =
        ok("POST", "/calls", "{\"from\":\"+44 20 7946 0101\"}", 201).get("callId").asText();
    assertError(
        "POST",
        "/calls/" + callId + "/customer",
        "{\"phone\":\"+44 20 7946 0101\",\"customerNumber\":\"C-9\"}",
        404,
        "no customer C-9");
    assertError(
        "POST",
        "/tickets",
        "{\"callId\":\"" + callId + "\",\"customerNumber\":\"C-9\",\"subject\":\"late\"}",
        404,
        "no customer C-9");
    assertError(
        "POST",
        "/callbacks",
        "{\"customerNumber\":\"C-9\",\"phone\":\"+44 20 7946 0101\",\"inMinutes\":5}",
        404,
        "no customer C-9");
    assertError("GET", "/queue", null, 404, "no such page /queue");
  }

  @Test
  void aCallbackWithoutAPhoneGoesToTheCustomersPhoneInTheDirectory() throws Exception {
    // What config/rules-demo.yaml's declined-payment rule sends.
    JsonNode callback =
        ok("POST", "/callbacks", "{\"customerNumber\": \"C-1004\", \"inMinutes\": 15}", 201);
    assertThat(callback.get("callbackId").asText()).startsWith("CB-");
    assertThat(callback.get("customerNumber").asText()).isEqualTo("C-1004");
    assertThat(callback.get("phone").asText()).isEqualTo("+44 20 7946 0104");
    assertThat(Instant.parse(callback.get("due").asText()))
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    assertThat(callback.get("reason").isNull()).isTrue();

    JsonNode household =
        ok("POST", "/callbacks", "{\"customerNumber\":\"C-1006\",\"inMinutes\":0}", 201);
    assertThat(household.get("phone").asText())
        .as("a household's shared phone")
        .isEqualTo("+44 20 7946 0105");

    assertThat(
            ok(
                    "POST",
                    "/callbacks",
                    "{\"customerNumber\":\"C-1004\",\"phone\":\"07700 900123\",\"inMinutes\":5}",
                    201)
                .get("phone")
                .asText())
        .as("a phone given is kept as given")
        .isEqualTo("07700 900123");
  }

  @Test
  void aCallbackForAnUnknownCustomerIsA404AndForOneWithoutAPhoneA422(@TempDir Path data)
      throws Exception {
    assertError(
        "POST",
        "/callbacks",
        "{\"customerNumber\":\"C-9\",\"inMinutes\":15}",
        404,
        "no customer C-9");

    Files.writeString(
        data.resolve("call-center-directory.csv"),
        String.join(
            "\n",
            "phone,customerNumber,name,tier",
            "+44 20 7946 4242,C-100007,Ada Lovelace,gold",
            ",C-100008,Kurt Godel,basic",
            ""));
    CallCenterApplication builtIn = app;
    app =
        CallCenterApplication.start(
            AppServer.Options.parse(
                new String[] {"--port", "0", "--data", data.toString()}, 8082, Set.of()),
            clock);
    try {
      assertError(
          "POST",
          "/callbacks",
          "{\"customerNumber\":\"C-100008\",\"inMinutes\":15}",
          422,
          "customer C-100008 has no phone in the directory");
      assertThat(
              ok(
                      "POST",
                      "/callbacks",
                      "{\"customerNumber\":\"C-100008\",\"phone\":\"+44 1\",\"inMinutes\":15}",
                      201)
                  .get("phone")
                  .asText())
          .as("a phone given needs no directory phone")
          .isEqualTo("+44 1");
      assertThat(ok("GET", "/directory?phone=" + encoded("no digits"), null, 200))
          .as("an empty directory phone matches no typed one")
          .isEmpty();
    } finally {
      app.close();
      app = builtIn;
    }
  }

  @Test
  void theCallbackListShowsWhatIsDueInDueOrder() throws Exception {
    CallCenterApplication builtIn = app;
    app = CallCenterApplication.start("127.0.0.1", 0, Directory.builtIn(), clock);
    try {
      Instant now = clock.instant();
      String late =
          ok(
                  "POST",
                  "/callbacks",
                  "{\"customerNumber\":\"C-1001\",\"inMinutes\":60,"
                      + "\"reason\":\"payment declined\"}",
                  201)
              .get("callbackId")
              .asText();
      String soon =
          ok("POST", "/callbacks", "{\"customerNumber\":\"C-1002\",\"inMinutes\":10}", 201)
              .get("callbackId")
              .asText();
      String alsoSoon =
          ok(
                  "POST",
                  "/callbacks",
                  "{\"customerNumber\":\"C-1003\",\"phone\":\"020 7946 0103\","
                      + "\"inMinutes\":10}",
                  201)
              .get("callbackId")
              .asText();

      JsonNode all = ok("GET", "/callbacks", null, 200);
      assertThat(all)
          .extracting(c -> c.get("callbackId").asText())
          .containsExactly(soon, alsoSoon, late);
      JsonNode last = all.get(2);
      assertThat(last.get("customerNumber").asText()).isEqualTo("C-1001");
      assertThat(last.get("phone").asText()).isEqualTo("+44 20 7946 0101");
      assertThat(last.get("due").asText()).isEqualTo(now.plus(Duration.ofMinutes(60)).toString());
      assertThat(last.get("reason").asText()).isEqualTo("payment declined");
      assertThat(all.get(1).get("phone").asText()).isEqualTo("020 7946 0103");
      assertThat(all.get(1).get("reason").isNull()).isTrue();

      String tenPast = now.plus(Duration.ofMinutes(10)).toString();
      assertThat(ok("GET", "/callbacks?due=" + tenPast, null, 200))
          .as("due at or before the instant")
          .extracting(c -> c.get("callbackId").asText())
          .containsExactly(soon, alsoSoon);
      assertThat(ok("GET", "/callbacks?due=PT9M", null, 200)).as("none in 9 minutes").isEmpty();
      assertThat(ok("GET", "/callbacks?due=PT1H", null, 200)).hasSize(3);
      assertThat(ok("GET", "/callbacks?due=", null, 200)).as("empty: every open one").hasSize(3);

      assertError(
          "GET",
          "/callbacks?due=soon",
          null,
          400,
          "due must be an ISO-8601 instant (2026-03-02T09:30:00Z) or duration (PT15M), was 'soon'");
      HttpResponse<String> put = send("PUT", "/callbacks", "{}");
      assertThat(put.statusCode()).isEqualTo(405);
      assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    } finally {
      app.close();
      app = builtIn;
    }
  }

  @Test
  void aWrongMethodIsA405NamingTheRightOne() throws Exception {
    HttpResponse<String> response = send("GET", "/calls", null);
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    assertThat(send("POST", "/directory?phone=1", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void readsItsDirectoryFromDataDir(@TempDir Path data) throws Exception {
    Files.writeString(
        data.resolve("call-center-directory.csv"),
        String.join(
            "\n",
            "phone,customerNumber,name,tier",
            "+44 20 7946 4242,C-100007,Ada Lovelace,gold",
            "+44 20 7946 4343,C-100008,Kurt Godel,basic",
            "+44 20 7946 4343,C-100009,Adele Godel,silver",
            ""));
    CallCenterApplication builtIn = app;
    app =
        CallCenterApplication.start(
            AppServer.Options.parse(
                new String[] {"--port", "0", "--data", data.toString()}, 8082, Set.of()),
            clock);
    try {
      knowsOnlyTheDataDirsCustomers();
    } finally {
      app.close();
      app = builtIn;
    }
  }

  /** The app being served knows the customers of the data directory's file, and no built-in one. */
  private void knowsOnlyTheDataDirsCustomers() throws Exception {
    JsonNode ada = ok("GET", "/directory?phone=" + encoded("+44 20 7946 4242"), null, 200);
    assertThat(ada.get(0).get("customerNumber").asText()).isEqualTo("C-100007");
    assertThat(ada.get(0).get("tier").asText()).isEqualTo("gold");
    assertThat(ok("GET", "/directory?phone=" + encoded("+442079464343"), null, 200))
        .extracting(e -> e.get("customerNumber").asText())
        .containsExactlyInAnyOrder("C-100008", "C-100009");

    String callId =
        ok("POST", "/calls", "{\"from\":\"+44 20 7946 0101\"}", 201).get("callId").asText();
    assertError(
        "POST",
        "/calls/" + callId + "/customer",
        "{\"phone\":\"+44 20 7946 0101\",\"customerNumber\":\"C-1001\"}",
        404,
        "no customer C-1001");
  }

  @Test
  void aDataDirWithoutTheDirectoryIsRefusedNamingTheFile(@TempDir Path data) {
    AppServer.Options options =
        AppServer.Options.parse(
            new String[] {"--port", "0", "--data", data.toString()}, 8082, Set.of());
    assertThatThrownBy(() -> CallCenterApplication.start(options, clock))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("call-center-directory.csv");
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("X-Request-Id", "i-test")
            .header("Content-Type", "application/json");
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, String json, int status) throws Exception {
    HttpResponse<String> response = send(method, path, json);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private void assertError(String method, String path, String json, int status, String message)
      throws Exception {
    assertThat(ok(method, path, json, status).get("error").asText())
        .as(method + " " + path + " " + json)
        .isEqualTo(message);
  }

  private static String encoded(String phone) {
    return URLEncoder.encode(phone, StandardCharsets.UTF_8);
  }

  /** The app's clock, moved by the test so call durations are exact. */
  private static final class SteppingClock extends Clock {
    private volatile Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock is UTC");
    }
  }
}
