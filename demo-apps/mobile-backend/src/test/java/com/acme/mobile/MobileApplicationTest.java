package com.acme.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.mobile.device.AccountRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real mobile backend on a free port, called as the app would. */
class MobileApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private MobileApplication app;

  @BeforeEach
  void start() throws Exception {
    app = MobileApplication.start("127.0.0.1", 0, AccountRepository.builtIn());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private JsonNode call(String method, String path, String json, int status) throws Exception {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("X-Request-Id", "i-test")
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  @Test
  void aDeviceRegistersSignsInOpensAPushAndReorders() throws Exception {
    assertThat(call("GET", "/health", null, 200).get("status").asText()).isEqualTo("ok");
    call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"ios\"}", 200);
    assertThat(call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 401).get("error").asText())
        .contains("sign in");
    assertThat(call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1002\"}", 200).get("customerNumber").asText())
        .isEqualTo("C-1002");
    assertThat(call("POST", "/push/cart-reminder-7/opened", "{\"deviceId\":\"dev-1\"}", 200).get("notificationId").asText())
        .isEqualTo("cart-reminder-7");
    JsonNode order = call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 201);
    assertThat(order.get("orderId").asText()).startsWith("M-");
    assertThat(order.get("customerNumber").asText()).isEqualTo("C-1002");
    // A reinstall registers the same id again.
    assertThat(call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"android\"}", 200).get("platform").asText()).isEqualTo("android");
  }

  @Test
  void badRequestsGetClearAnswers() throws Exception {
    assertThat(call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"palm\"}", 400).get("error").asText()).contains("platform must be");
    assertThat(call("POST", "/devices", "{\"platform\":\"ios\"}", 400).get("error").asText()).isEqualTo("deviceId is required");
    assertThat(call("POST", "/signin", "{\"deviceId\":\"dev-9\",\"customerNumber\":\"C-1001\"}", 404).get("error").asText()).contains("no device dev-9");
    call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"ios\"}", 200);
    assertThat(call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-9\"}", 404).get("error").asText()).isEqualTo("no account C-9");
    assertThat(call("POST", "/push/x/opened", "{\"deviceId\":\"dev-9\"}", 404).get("error").asText()).contains("no device");
    call("GET", "/signin", null, 405);
  }

  @Test
  void readsItsAccountsFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("mobile-accounts.csv"), "customerNumber,name\nC-100042,Ada Lovelace\n");
    app.close();
    app = MobileApplication.start("127.0.0.1", 0, AccountRepository.fromDirectory(data));
    call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"ios\"}", 200);
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-100042\"}", 200);
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1001\"}", 404);
  }
}
