package com.acme.mailer;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.mailer.campaign.RecipientRepository;
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

/** The real mailer on a free port: a send, then the recipient's mail client and browser. */
class MailerApplicationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient(); // follows no redirects
  private MailerApplication app;

  @BeforeEach
  void start() throws Exception {
    app = MailerApplication.start("127.0.0.1", 0, RecipientRepository.builtIn(), "http://shop.example");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<byte[]> send(String method, String url, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : "http://127.0.0.1:" + app.port() + url))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private JsonNode json(HttpResponse<byte[]> response, int status) throws Exception {
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  @Test
  void aSentMailIsOpenedAndClickedThroughToTheShop() throws Exception {
    JsonNode sent = json(send("POST", "/campaigns/cart-reminder/send", "{\"customerNumber\":\"C-1002\"}"), 201);
    assertThat(sent.get("email").asText()).as("from the mailing list").isEqualTo("bruno.keller@example.com");
    assertThat(sent.get("openUrl").asText()).startsWith("http://127.0.0.1:" + app.port() + "/t/o/").doesNotContain("bruno");

    HttpResponse<byte[]> pixel = send("GET", sent.get("openUrl").asText(), null);
    assertThat(pixel.statusCode()).isEqualTo(200);
    assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(pixel.body()).hasSize(43);

    HttpResponse<byte[]> click = send("GET", sent.get("clickUrl").asText(), null);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue("http://shop.example/?utm_source=email&utm_campaign=cart-reminder");
  }

  @Test
  void theCallerMayNameTheAddressAndTokensDifferPerMail() throws Exception {
    JsonNode first = json(send("POST", "/campaigns/spring-sale/send", "{\"customerNumber\":\"C-1001\",\"email\":\"alice@new.example\"}"), 201);
    JsonNode second = json(send("POST", "/campaigns/spring-sale/send", "{\"customerNumber\":\"C-1001\"}"), 201);
    assertThat(first.get("email").asText()).isEqualTo("alice@new.example");
    assertThat(first.get("openUrl").asText()).isNotEqualTo(second.get("openUrl").asText());
  }

  @Test
  void badRequestsGetClearAnswers() throws Exception {
    assertThat(json(send("POST", "/campaigns/x/send", "{}"), 400).get("error").asText()).isEqualTo("customerNumber is required");
    assertThat(json(send("POST", "/campaigns/x/send", "{\"customerNumber\":\"C-9\"}"), 404).get("error").asText()).isEqualTo("no recipient C-9");
    assertThat(json(send("POST", "/campaigns/Big%20Sale/send", "{\"customerNumber\":\"C-1001\"}"), 400).get("error").asText())
        .contains("campaign must be");
    assertThat(json(send("GET", "/t/o/forged", null), 404).get("error").asText()).isEqualTo("unknown tracking token");
    assertThat(send("GET", "/t/c/forged", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/campaigns/x/send", null).statusCode()).isEqualTo(405);
  }

  @Test
  void readsItsMailingListFromTheDataDirectory(@TempDir Path data) throws Exception {
    Files.writeString(data.resolve("mailer-recipients.csv"), "customerNumber,email,name\nC-100042,ada@example.com,Ada Lovelace\n");
    app.close();
    app = MailerApplication.start("127.0.0.1", 0, RecipientRepository.fromDirectory(data), "http://shop.example");
    assertThat(json(send("POST", "/campaigns/welcome/send", "{\"customerNumber\":\"C-100042\"}"), 201).get("email").asText())
        .isEqualTo("ada@example.com");
  }
}
