package com.acme.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.shop.customer.CustomerRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
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

/** The real shop on a free port, walked through over HTTP as a browser would. */
class ShopApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private ShopApplication shop;
  private HttpClient browser;

  @BeforeEach
  void start() throws Exception {
    shop = ShopApplication.start("127.0.0.1", 0);
    browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  @AfterEach
  void stop() {
    shop.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shop.port() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void browseLoginAddToCartCheckOutAndSeeTheOrder() throws Exception {
    HttpResponse<String> products = get("/products");
    assertThat(products.statusCode()).isEqualTo(200);
    assertThat(products.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("SHOPSESSION="));
    assertThat(JSON.readTree(products.body())).hasSizeGreaterThanOrEqualTo(10);

    HttpResponse<String> login = post("/login", "email=+Alice.Martin%40example.com");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(login.body()).get("customerNumber").asText()).isEqualTo("C-1001");
    assertThat(JSON.readTree(login.body()).get("tier").asText()).isEqualTo("gold");

    assertThat(post("/cart/items", "sku=SKU-102&quantity=2").statusCode()).isEqualTo(200);
    assertThat(post("/cart/items", "sku=SKU-103").statusCode()).isEqualTo(200);
    JsonNode order = JSON.readTree(post("/checkout", "").body());
    assertThat(order.get("orderId").asText()).startsWith("O-");
    assertThat(order.get("total").decimalValue()).isEqualByComparingTo("63.90");

    JsonNode orders = JSON.readTree(get("/orders").body());
    assertThat(orders).hasSize(1);
    assertThat(JSON.readTree(get("/cart").body()).get("lines")).isEmpty();
  }

  @Test
  void checkoutNeedsALoginAndAFullCart() throws Exception {
    assertThat(post("/cart/items", "sku=SKU-100").statusCode()).isEqualTo(200);
    assertThat(post("/checkout", "").statusCode()).isEqualTo(401);
    post("/login", "email=bruno.keller@example.com");
    assertThat(post("/checkout", "").statusCode()).isEqualTo(201);
    HttpResponse<String> again = post("/checkout", "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("cart is empty");
  }

  @Test
  void aPaymentOverTheCardLimitIsDeclinedAndTheCartKept() throws Exception {
    post("/login", "email=bruno.keller@example.com");
    assertThat(post("/cart/items", "sku=SKU-101&quantity=4").statusCode()).isEqualTo(200);
    HttpResponse<String> declined = post("/checkout", "");
    assertThat(declined.statusCode()).isEqualTo(402);
    assertThat(declined.body()).contains("declined").contains("516.00");
    assertThat(JSON.readTree(get("/cart").body()).get("total").decimalValue())
        .isEqualByComparingTo("516.00");
    assertThat(JSON.readTree(get("/orders").body())).isEmpty();
  }

  @Test
  void badRequestsGetClearAnswers() throws Exception {
    assertThat(post("/login", "email=stranger@example.com").statusCode()).isEqualTo(401);
    assertThat(post("/cart/items", "sku=NOPE").statusCode()).isEqualTo(404);
    assertThat(post("/cart/items", "sku=SKU-100&quantity=zero").statusCode()).isEqualTo(400);
    assertThat(get("/login").statusCode()).isEqualTo(405);
    assertThat(get("/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void anEmailChangeMovesTheLoginToTheNewAddress() throws Exception {
    assertThat(post("/account/email", "email=new@example.com").statusCode())
        .as("not logged in")
        .isEqualTo(401);
    post("/login", "email=alice.martin@example.com");
    assertThat(post("/account/email", "email=bruno.keller@example.com").statusCode())
        .as("taken")
        .isEqualTo(409);
    assertThat(post("/account/email", "email=not-an-address").statusCode()).isEqualTo(400);
    HttpResponse<String> changed = post("/account/email", "email=alice.m@example.org");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(changed.body()).get("email").asText())
        .isEqualTo("alice.m@example.org");

    assertThat(post("/login", "email=alice.martin@example.com").statusCode())
        .as("old address")
        .isEqualTo(401);
    assertThat(
            JSON.readTree(post("/login", "email=Alice.M@example.org").body())
                .get("customerNumber")
                .asText())
        .isEqualTo("C-1001");
  }

  @Test
  void aKioskBrowserKeepsItsSessionWhenOneCustomerLogsOutAndAnotherLogsIn() throws Exception {
    String cookie = get("/products/SKU-100").headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(get("/products/SKU-100").statusCode()).as("anonymous product page").isEqualTo(200);
    assertThat(get("/products/NOPE").statusCode()).isEqualTo(404);
    post("/login", "email=alice.martin@example.com");
    assertThat(post("/logout", "").statusCode()).isEqualTo(200);
    assertThat(get("/orders").statusCode()).as("logged out").isEqualTo(401);
    post("/login", "email=bruno.keller@example.com");
    HttpResponse<String> orders = get("/orders");
    assertThat(orders.statusCode()).isEqualTo(200);
    assertThat(orders.headers().firstValue("Set-Cookie"))
        .as("the same session all along: " + cookie)
        .isEmpty();
  }

  @Test
  void readsItsCustomersFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(
        data.resolve("shop-customers.csv"),
        "customerNumber,email,name,tier\nC-100001,ada.lovelace.1@example.com,Ada Lovelace,silver\n");
    shop.close();
    shop = ShopApplication.start("127.0.0.1", 0, CustomerRepository.fromDirectory(data));
    JsonNode login = JSON.readTree(post("/login", "email=ada.lovelace.1@example.com").body());
    assertThat(login.get("customerNumber").asText()).isEqualTo("C-100001");
    assertThat(login.get("tier").asText()).isEqualTo("silver");
    assertThat(post("/login", "email=alice.martin@example.com").statusCode()).isEqualTo(401);
  }
}
