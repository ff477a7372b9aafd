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

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("X-Request-Id", "i-test")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Calls the backend and checks the status and that the answer is JSON. */
  private JsonNode call(String method, String path, String json, int status) throws Exception {
    HttpResponse<String> response = send(method, path, json);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private String error(String method, String path, String json, int status) throws Exception {
    return call(method, path, json, status).get("error").asText();
  }

  private void register(String deviceId) throws Exception {
    call("POST", "/devices", "{\"deviceId\":\"" + deviceId + "\",\"platform\":\"ios\"}", 200);
  }

  @Test
  void answersHealth() throws Exception {
    assertThat(call("GET", "/health", null, 200).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aDeviceRegistersSignsInOpensAPushAndReorders() throws Exception {
    JsonNode device =
        call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"ios\"}", 200);
    assertThat(device.get("deviceId").asText()).isEqualTo("dev-1");
    assertThat(device.get("platform").asText()).isEqualTo("ios");
    assertThat(device.get("customerNumber").isNull()).as("nobody signed in yet").isTrue();

    JsonNode signedIn =
        call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1002\"}", 200);
    assertThat(signedIn.get("customerNumber").asText()).isEqualTo("C-1002");

    JsonNode open = call("POST", "/push/cart-reminder-17/opened", "{\"deviceId\":\"dev-1\"}", 200);
    assertThat(open.get("notificationId").asText()).isEqualTo("cart-reminder-17");
    assertThat(open.get("deviceId").asText()).isEqualTo("dev-1");

    JsonNode order =
        call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 201);
    assertThat(order.get("orderId").asText()).startsWith("M-");
    assertThat(order.get("previousOrderId").asText()).isEqualTo("O-50001");
    assertThat(order.get("customerNumber").asText()).isEqualTo("C-1002");
  }

  @Test
  void everyReorderIsANewOrder() throws Exception {
    register("dev-1");
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1001\"}", 200);
    String first =
        call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 201)
            .get("orderId")
            .asText();
    String second =
        call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 201)
            .get("orderId")
            .asText();
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void registeringADeviceAgainKeepsItsSignIn() throws Exception {
    register("dev-1");
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1003\"}", 200);
    // A reinstall (or an app update) registers the same id again, possibly from another platform.
    JsonNode again =
        call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"android\"}", 200);
    assertThat(again.get("platform").asText()).isEqualTo("android");
    assertThat(again.get("customerNumber").asText()).isEqualTo("C-1003");
  }

  @Test
  void aSignInOnAnotherCustomerReplacesTheFirst() throws Exception {
    register("dev-1");
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1001\"}", 200);
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1005\"}", 200);
    assertThat(
            call("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-1\"}", 201)
                .get("customerNumber")
                .asText())
        .isEqualTo("C-1005");
  }

  @Test
  void reorderingNeedsACustomerSignedInOnTheDevice() throws Exception {
    register("dev-1");
    assertThat(
            error(
                "POST", "/orders/reorder", "{\"deviceId\":\"dev-1\",\"orderId\":\"O-50001\"}", 401))
        .contains("sign in");
  }

  @Test
  void signingInNeedsAKnownCustomerAndARegisteredDevice() throws Exception {
    assertThat(
            error("POST", "/signin", "{\"deviceId\":\"dev-9\",\"customerNumber\":\"C-1001\"}", 404))
        .contains("no device dev-9");
    register("dev-1");
    assertThat(error("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-9\"}", 404))
        .isEqualTo("no account C-9");
    assertThat(
            call("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"ios\"}", 200)
                .get("customerNumber")
                .isNull())
        .as("a failed sign-in leaves the device signed out")
        .isTrue();
  }

  @Test
  void pushOpensAndReordersNeedARegisteredDevice() throws Exception {
    assertThat(error("POST", "/push/welcome-1/opened", "{\"deviceId\":\"dev-9\"}", 404))
        .contains("no device dev-9");
    assertThat(
            error("POST", "/orders/reorder", "{\"deviceId\":\"dev-9\",\"orderId\":\"O-1\"}", 404))
        .contains("no device dev-9");
  }

  @Test
  void missingOrMalformedFieldsAreBadRequests() throws Exception {
    assertThat(error("POST", "/devices", "{\"platform\":\"ios\"}", 400))
        .isEqualTo("deviceId is required");
    assertThat(error("POST", "/devices", "{\"deviceId\":\"dev-1\"}", 400))
        .isEqualTo("platform is required");
    assertThat(error("POST", "/devices", "{\"deviceId\":\"dev-1\",\"platform\":\"palm\"}", 400))
        .contains("platform must be");
    assertThat(error("POST", "/devices", "{\"deviceId\":", 400)).contains("not JSON");
    assertThat(error("POST", "/devices", "[\"dev-1\"]", 400)).contains("JSON object");
    assertThat(error("POST", "/signin", "{\"deviceId\":\"dev-1\"}", 400))
        .isEqualTo("customerNumber is required");
    assertThat(error("POST", "/push/welcome-1/opened", "{}", 400))
        .isEqualTo("deviceId is required");
    assertThat(error("POST", "/orders/reorder", "{\"deviceId\":\"dev-1\"}", 400))
        .isEqualTo("orderId is required");
    assertThat(error("POST", "/orders/reorder", "{\"deviceId\":\"  \",\"orderId\":\"O-1\"}", 400))
        .isEqualTo("deviceId is required");
  }

  @Test
  void unknownPathsAndWrongMethodsAreRefused() throws Exception {
    assertThat(error("GET", "/devices/dev-1", null, 404)).contains("no such page");
    assertThat(error("POST", "/push/opened", "{\"deviceId\":\"dev-1\"}", 404))
        .contains("no such page");
    HttpResponse<String> wrongMethod = send("GET", "/signin", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    call("POST", "/health", "{}", 405);
  }

  @Test
  void readsItsAccountsFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(
        data.resolve("mobile-accounts.csv"), "customerNumber,name\nC-100042,Ada Lovelace\n");
    app.close();
    app = MobileApplication.start("127.0.0.1", 0, AccountRepository.fromDirectory(data));
    register("dev-1");
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-100042\"}", 200);
    // The built-in accounts are not read when a data directory is given.
    call("POST", "/signin", "{\"deviceId\":\"dev-1\",\"customerNumber\":\"C-1001\"}", 404);
  }
}
