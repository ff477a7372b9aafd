package com.acme.mailer;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.mailer.campaign.RecipientRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real mailer on a free port: marketing automation sends, then the recipient's mail client and
 * browser.
 */
class MailerApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The transparent 1×1 GIF every mail client has seen a million times. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

  private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects
  private MailerApplication app;

  @BeforeEach
  void start() throws Exception {
    app =
        MailerApplication.start(
            "127.0.0.1", 0, RecipientRepository.builtIn(), "http://shop.example:8081");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<byte[]> send(String method, String url, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(url.startsWith("http") ? url : "http://127.0.0.1:" + app.port() + url))
            .header("X-Request-Id", "i-test")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode json(HttpResponse<byte[]> response, int status) throws Exception {
    assertThat(response.statusCode())
        .as(new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  private JsonNode sendMail(String campaign, String body) throws Exception {
    return json(send("POST", "/campaigns/" + campaign + "/send", body), 201);
  }

  private String error(HttpResponse<byte[]> response, int status) throws Exception {
    return json(response, status).get("error").asText();
  }

  @Test
  void answersHealth() throws Exception {
    assertThat(json(send("GET", "/health", null), 200).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aSentMailIsOpenedAndClickedThroughToTheShop() throws Exception {
    JsonNode sent =
        sendMail(
            "cart-reminder",
            "{\"customerNumber\":\"C-1002\",\"email\":\"bruno.keller@example.com\"}");
    assertThat(sent.get("messageId").asText()).startsWith("MSG-");
    assertThat(sent.get("email").asText()).isEqualTo("bruno.keller@example.com");
    String base = "http://127.0.0.1:" + app.port();
    assertThat(sent.get("openUrl").asText()).startsWith(base + "/t/o/");
    assertThat(sent.get("clickUrl").asText()).startsWith(base + "/t/c/");

    HttpResponse<byte[]> pixel = send("GET", sent.get("openUrl").asText(), null);
    assertThat(pixel.statusCode()).isEqualTo(200);
    assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(pixel.body()).hasSize(43).isEqualTo(PIXEL);

    HttpResponse<byte[]> click = send("GET", sent.get("clickUrl").asText(), null);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location"))
        .hasValue("http://shop.example:8081/?utm_source=email&utm_campaign=cart-reminder");
    // A mail is opened and clicked as often as its recipient likes.
    assertThat(send("GET", sent.get("openUrl").asText(), null).statusCode()).isEqualTo(200);
    assertThat(send("GET", sent.get("clickUrl").asText(), null).statusCode()).isEqualTo(302);
  }

  @Test
  void theMailerTrustsTheAddressTheCallerGives() throws Exception {
    // Marketing automation knows the new address; the mailing list still has the old one.
    JsonNode sent =
        sendMail(
            "spring-sale", "{\"customerNumber\":\"C-1001\",\"email\":\" alice@new.example \"}");
    assertThat(sent.get("email").asText()).isEqualTo("alice@new.example");
    // Nor does the mailer check the customer number against its list when it is given an address.
    assertThat(
            sendMail(
                    "spring-sale",
                    "{\"customerNumber\":\"C-777\",\"email\":\"someone@example.com\"}")
                .get("email")
                .asText())
        .isEqualTo("someone@example.com");
  }

  @Test
  void withoutAnAddressTheMailGoesToTheOneOnTheMailingList() throws Exception {
    assertThat(sendMail("newsletter", "{\"customerNumber\":\"C-1002\"}").get("email").asText())
        .isEqualTo("bruno.keller@example.com");
    assertThat(
            error(send("POST", "/campaigns/newsletter/send", "{\"customerNumber\":\"C-9\"}"), 404))
        .isEqualTo("no recipient C-9");
  }

  @Test
  void trackingTokensAreOpaqueAndDifferPerMail() throws Exception {
    JsonNode first =
        sendMail(
            "spring-sale",
            "{\"customerNumber\":\"C-1001\",\"email\":\"alice.martin@example.com\"}");
    JsonNode second =
        sendMail(
            "spring-sale",
            "{\"customerNumber\":\"C-1001\",\"email\":\"alice.martin@example.com\"}");
    String token = token(first.get("openUrl").asText());
    assertThat(token)
        .matches("[A-Za-z0-9_-]{16,}")
        .doesNotContainIgnoringCase("alice")
        .doesNotContain("1001")
        .doesNotContain("MSG");
    assertThat(token(first.get("clickUrl").asText())).isEqualTo(token);
    assertThat(token(second.get("openUrl").asText())).isNotEqualTo(token);
    assertThat(second.get("messageId").asText()).isNotEqualTo(first.get("messageId").asText());
  }

  @Test
  void trackingLinksPointAtTheHostTheCallerReachedTheMailerAt() throws Exception {
    String body = "{\"customerNumber\":\"C-1003\"}";
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /campaigns/welcome/send HTTP/1.1\r\nHost: mail.acme.example:8084\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 201");
      JsonNode sent = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(sent.get("openUrl").asText()).startsWith("http://mail.acme.example:8084/t/o/");
      assertThat(sent.get("clickUrl").asText()).startsWith("http://mail.acme.example:8084/t/c/");
    }
  }

  @Test
  void unknownTrackingTokensAreNotFound() throws Exception {
    assertThat(error(send("GET", "/t/o/forged", null), 404)).isEqualTo("unknown tracking token");
    HttpResponse<byte[]> click = send("GET", "/t/c/forged", null);
    assertThat(error(click, 404)).isEqualTo("unknown tracking token");
    assertThat(click.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void missingOrMalformedFieldsAreBadRequests() throws Exception {
    assertThat(error(send("POST", "/campaigns/welcome/send", "{}"), 400))
        .isEqualTo("customerNumber is required");
    assertThat(error(send("POST", "/campaigns/welcome/send", "{\"email\":\"a@example.com\"}"), 400))
        .isEqualTo("customerNumber is required");
    assertThat(
            error(
                send(
                    "POST",
                    "/campaigns/welcome/send",
                    "{\"customerNumber\":\"C-1001\",\"email\":\"not-an-address\"}"),
                400))
        .contains("email must be an e-mail address");
    assertThat(
            error(
                send("POST", "/campaigns/Big%20Sale/send", "{\"customerNumber\":\"C-1001\"}"), 400))
        .contains("campaign must be");
    assertThat(
            error(send("POST", "/campaigns/Big%20Sale/send", "{\"customerNumber\":\"C-9\"}"), 400))
        .as("a malformed campaign before an unknown recipient")
        .contains("campaign must be");
    assertThat(error(send("POST", "/campaigns/welcome/send", "customerNumber=C-1001"), 400))
        .contains("not JSON");
  }

  @Test
  void unknownPathsAndWrongMethodsAreRefused() throws Exception {
    assertThat(error(send("GET", "/campaigns", null), 404)).contains("no such page");
    assertThat(error(send("GET", "/t/o/", null), 404)).contains("no such page");
    HttpResponse<byte[]> wrongMethod = send("GET", "/campaigns/welcome/send", null);
    assertThat(error(wrongMethod, 405)).contains("use POST");
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    error(send("POST", "/t/o/forged", "{}"), 405);
    error(send("POST", "/t/c/forged", "{}"), 405);
  }

  @Test
  void theInboxListsTheMailsSentToAnAddressNewestFirstWithTheirTrackedLinks() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T09:00:00Z"));
    app.close();
    app =
        MailerApplication.start(
            "127.0.0.1",
            0,
            RecipientRepository.builtIn(),
            "http://shop.example:8081",
            new Clock() {
              @Override
              public Instant instant() {
                return now.get();
              }

              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
              }
            });
    // What config/rules-demo.yaml's abandoned-cart rule sends: the mailing list's address.
    JsonNode reminder = sendMail("cart-reminder", "{\"customerNumber\": \"C-1002\"}");
    now.set(now.get().plusSeconds(60));
    JsonNode sale =
        sendMail(
            "spring-sale",
            "{\"customerNumber\":\"C-1002\",\"email\":\"Bruno.Keller@example.com\"}");
    sendMail("newsletter", "{\"customerNumber\":\"C-1003\"}");

    JsonNode inbox = json(send("GET", "/inbox?email=bruno.keller%40example.com", null), 200);
    assertThat(inbox)
        .extracting(m -> m.get("messageId").asText())
        .containsExactly(sale.get("messageId").asText(), reminder.get("messageId").asText());
    JsonNode newest = inbox.get(0);
    assertThat(newest.get("campaign").asText()).isEqualTo("spring-sale");
    assertThat(newest.get("subject").isNull()).as("no template for this campaign").isTrue();
    assertThat(newest.get("sentAt").asText()).isEqualTo("2026-03-02T09:01:00Z");
    JsonNode oldest = inbox.get(1);
    assertThat(oldest.get("campaign").asText()).isEqualTo("cart-reminder");
    assertThat(oldest.get("subject").asText()).isEqualTo("You left something in your cart");
    assertThat(oldest.get("sentAt").asText()).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(oldest.get("openUrl").asText()).isEqualTo(reminder.get("openUrl").asText());
    assertThat(oldest.get("clickUrl").asText()).isEqualTo(reminder.get("clickUrl").asText());

    // The simulated customer opens and clicks from the mailbox.
    assertThat(send("GET", oldest.get("openUrl").asText(), null).statusCode()).isEqualTo(200);
    assertThat(send("GET", oldest.get("clickUrl").asText(), null).headers().firstValue("Location"))
        .hasValue("http://shop.example:8081/?utm_source=email&utm_campaign=cart-reminder");

    now.set(now.get().plusSeconds(60));
    String later =
        sendMail("cart-reminder", "{\"customerNumber\":\"C-1002\"}").get("messageId").asText();
    String sameInstant =
        sendMail("newsletter", "{\"customerNumber\":\"C-1002\"}").get("messageId").asText();
    assertThat(json(send("GET", "/inbox?email=bruno.keller@example.com", null), 200))
        .extracting(m -> m.get("messageId").asText())
        .as("sent in the same instant: the later sent first")
        .startsWith(sameInstant, later);
  }

  @Test
  void anUnknownAddressHasAnEmptyInboxAndAMissingOneIsABadRequest() throws Exception {
    sendMail("newsletter", "{\"customerNumber\":\"C-1002\"}");
    assertThat(json(send("GET", "/inbox?email=nobody%40example.com", null), 200)).isEmpty();
    assertThat(error(send("GET", "/inbox", null), 400))
        .isEqualTo("query parameter email is required");
    assertThat(error(send("GET", "/inbox?email=", null), 400))
        .isEqualTo("query parameter email is required");
    HttpResponse<byte[]> wrongMethod = send("POST", "/inbox?email=a%40example.com", "{}");
    assertThat(error(wrongMethod, 405)).contains("use GET");
  }

  @Test
  void readsItsMailingListFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(
        data.resolve("mailer-recipients.csv"),
        "customerNumber,email,name\nC-100042,ada.lovelace.42@example.com,Ada Lovelace\n");
    app.close();
    app =
        MailerApplication.start(
            "127.0.0.1",
            0,
            RecipientRepository.fromDirectory(data),
            MailerApplication.DEFAULT_SHOP);
    JsonNode sent = sendMail("welcome", "{\"customerNumber\":\"C-100042\"}");
    assertThat(sent.get("email").asText()).isEqualTo("ada.lovelace.42@example.com");
    // The built-in list is not read when a data directory is given.
    error(send("POST", "/campaigns/welcome/send", "{\"customerNumber\":\"C-1001\"}"), 404);
    assertThat(send("GET", sent.get("clickUrl").asText(), null).headers().firstValue("Location"))
        .hasValue("http://127.0.0.1:8081/?utm_source=email&utm_campaign=welcome");
  }

  private static String token(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
