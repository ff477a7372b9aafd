package com.acme.callcenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.callcenter.directory.Directory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real call center on a free port, driven over HTTP as the switch and the agent desk would. */
class CallCenterApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private CallCenterApplication app;

  @BeforeEach
  void start() throws Exception {
    app = CallCenterApplication.start("127.0.0.1", 0, Directory.builtIn());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .header("X-Request-Id", "i-test").header("Content-Type", "application/json");
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, String json, int status) throws Exception {
    HttpResponse<String> response = send(method, path, json);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static String phone(String phone) {
    return URLEncoder.encode(phone, StandardCharsets.UTF_8);
  }

  @Test
  void aCallerIsIdentifiedGetsATicketAndHangsUp() throws Exception {
    String callId = ok("POST", "/calls", "{\"from\":\"+44 20 7946 0102\"}", 201).get("callId").asText();
    assertThat(ok("POST", "/calls/" + callId + "/ivr", "{\"option\":\"billing\"}", 200).get("ivrOption").asText()).isEqualTo("billing");
    JsonNode found = ok("GET", "/directory?phone=" + phone("+442079460102"), null, 200);
    assertThat(found).extracting(e -> e.get("customerNumber").asText()).containsExactly("C-1002");
    JsonNode identified = ok("POST", "/calls/" + callId + "/customer", "{\"phone\":\"020 7946 0102\",\"customerNumber\":\"C-1002\"}", 200);
    assertThat(identified.get("customerNumber").asText()).isEqualTo("C-1002");
    String ticketId = ok("POST", "/tickets", "{\"callId\":\"" + callId + "\",\"customerNumber\":\"C-1002\",\"subject\":\"card declined\"}", 201)
        .get("ticketId").asText();
    assertThat(ok("POST", "/tickets/" + ticketId + "/resolve", null, 200).get("resolved").asBoolean()).isTrue();
    assertThat(ok("POST", "/callbacks", "{\"customerNumber\":\"C-1002\",\"phone\":\"+44 20 7946 0102\",\"inMinutes\":30}", 201)
        .get("callbackId").asText()).startsWith("CB-");
    assertThat(ok("POST", "/calls/" + callId + "/end", null, 200).get("ended").asBoolean()).isTrue();
  }

  @Test
  void aHouseholdPhoneListsEveryoneOnItAndTheOwnNumberNoOne() throws Exception {
    assertThat(ok("GET", "/directory?phone=" + phone("+44 20 7946 0105"), null, 200))
        .extracting(e -> e.get("customerNumber").asText()).containsExactlyInAnyOrder("C-1005", "C-1006");
    assertThat(ok("GET", "/directory?phone=" + phone(CallCenterApplication.OWN_NUMBER), null, 200)).isEmpty();
    // An agent who types the call center's own number is not stopped: the desk stores what was typed.
    String callId = ok("POST", "/calls", "{\"from\":\"+44 20 7946 0105\"}", 201).get("callId").asText();
    ok("POST", "/calls/" + callId + "/customer", "{\"phone\":\"" + CallCenterApplication.OWN_NUMBER + "\",\"customerNumber\":\"C-1006\"}", 200);
  }

  @Test
  void badRequestsGetClearAnswers() throws Exception {
    assertThat(ok("POST", "/calls", "{}", 400).get("error").asText()).isEqualTo("from is required");
    assertThat(ok("POST", "/calls", "not json", 400).get("error").asText()).startsWith("the body is not JSON");
    assertThat(ok("POST", "/calls/CALL-1/end", null, 404).get("error").asText()).isEqualTo("no call CALL-1");
    String callId = ok("POST", "/calls", "{\"from\":\"+44 20 7946 0101\"}", 201).get("callId").asText();
    assertThat(ok("POST", "/calls/" + callId + "/ivr", "{\"option\":\"sales\"}", 400).get("error").asText()).contains("option must be one of");
    assertThat(ok("POST", "/calls/" + callId + "/customer", "{\"phone\":\"1\",\"customerNumber\":\"C-9\"}", 404).get("error").asText())
        .isEqualTo("no customer C-9");
    assertThat(ok("POST", "/tickets/T-1/resolve", null, 404).get("error").asText()).isEqualTo("no ticket T-1");
    assertThat(ok("POST", "/callbacks", "{\"customerNumber\":\"C-1001\",\"phone\":\"1\",\"inMinutes\":\"soon\"}", 400).get("error").asText())
        .isEqualTo("inMinutes must be a whole number");
    assertThat(ok("GET", "/directory", null, 400).get("error").asText()).isEqualTo("query parameter phone is required");
    assertThat(send("GET", "/calls", null).statusCode()).isEqualTo(405);
  }

  @Test
  void readsItsDirectoryFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("call-center-directory.csv"), "phone,customerNumber,name,tier\n+44 20 7946 4242,C-100007,Ada Lovelace,gold\n");
    app.close();
    app = CallCenterApplication.start("127.0.0.1", 0, Directory.fromDirectory(data));
    assertThat(ok("GET", "/directory?phone=" + phone("+44 20 7946 4242"), null, 200).get(0).get("tier").asText()).isEqualTo("gold");
  }
}
