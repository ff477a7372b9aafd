package com.acme.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.callcenter.CallCenterApplication;
import com.acme.callcenter.directory.Directory;
import com.acme.mailer.MailerApplication;
import com.acme.mailer.campaign.RecipientRepository;
import com.acme.mobile.MobileApplication;
import com.acme.mobile.device.AccountRepository;
import com.acme.shop.ShopApplication;
import com.acme.shop.customer.CustomerRepository;
import com.acme.simulator.journey.App;
import com.acme.simulator.journey.Journeys;
import com.acme.simulator.journey.Scenario;
import com.acme.simulator.journey.Visit;
import com.acme.simulator.population.Person;
import com.acme.simulator.population.Population;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journeys planned from a seed, and played against the four real apps on free ports. */
class DemoAppsRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSameSeedPlansTheSameJourneysWithVisitsApartByTheGap() {
    List<Person> people = Population.generate(300, 1);
    List<Visit> first = Journeys.plan(people, 1, 60_000, 20_000);
    List<Visit> again = Journeys.plan(people, 1, 60_000, 20_000);
    assertThat(describe(again)).isEqualTo(describe(first));
    assertThat(describe(Journeys.plan(people, 2, 60_000, 20_000))).isNotEqualTo(describe(first));
    assertThat(first).extracting(Visit::scenario).contains(Scenario.values());

    Map<String, List<Visit>> byCustomer =
        first.stream().collect(Collectors.groupingBy(v -> v.customer().customerNumber()));
    assertThat(byCustomer.values())
        .allSatisfy(
            visits -> {
              assertThat(visits.get(0).dueMillis()).isBetween(0L, 60_000L);
              for (int i = 1; i < visits.size(); i++) {
                assertThat(visits.get(i).dueMillis() - visits.get(i - 1).dueMillis())
                    .isBetween(20_000L, 30_000L);
              }
            });
  }

  private static List<String> describe(List<Visit> visits) {
    List<String> lines = new ArrayList<>();
    for (Visit visit : visits) {
      visit
          .actions()
          .forEach(
              a ->
                  lines.add(
                      visit.dueMillis()
                          + " "
                          + visit.scenario()
                          + " "
                          + a.actor().customerNumber()
                          + " "
                          + a.app()
                          + " "
                          + a.method()
                          + " "
                          + a.touchpoints()));
    }
    return lines;
  }

  @Test
  void playsEveryScenarioAgainstTheRealAppsAndWritesTheTruth(@TempDir Path data) throws Exception {
    List<Person> people = Population.generate(60, 1);
    Population.write(people, data);
    try (ShopApplication shop =
            ShopApplication.start("127.0.0.1", 0, CustomerRepository.fromDirectory(data));
        CallCenterApplication callCenter =
            CallCenterApplication.start("127.0.0.1", 0, Directory.fromDirectory(data));
        MobileApplication mobile =
            MobileApplication.start("127.0.0.1", 0, AccountRepository.fromDirectory(data));
        MailerApplication mailer =
            MailerApplication.start(
                "127.0.0.1",
                0,
                RecipientRepository.fromDirectory(data),
                "http://127.0.0.1:" + shop.port())) {
      Map<App, String> urls =
          Map.of(
              App.SHOP, "http://127.0.0.1:" + shop.port(),
              App.CALL_CENTER, "http://127.0.0.1:" + callCenter.port(),
              App.MOBILE, "http://127.0.0.1:" + mobile.port(),
              App.MAILER, "http://127.0.0.1:" + mailer.port());
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      Runner runner = new Runner(urls, 1, 2_000, new PrintStream(progress, true), false);
      runner.awaitApps(Duration.ofSeconds(10));
      List<Visit> visits = Journeys.plan(people, 1, 300, 100);
      Path truth = data.resolve("truth.jsonl");

      Summary summary = runner.run(visits, truth);

      assertThat(summary.errors).as(String.join("\n", summary.firstErrors)).isZero();
      assertThat(summary.customers).isEqualTo(60);
      assertThat(summary.customersPerScenario.keySet())
          .containsExactlyInAnyOrderElementsOf(
              Arrays.stream(Scenario.values()).map(Scenario::label).toList());
      List<String> lines = Files.readAllLines(truth);
      assertThat(lines).hasSize((int) summary.interactions);
      assertThat(summary.interactions)
          .isEqualTo(visits.stream().mapToLong(v -> v.actions().size()).sum());
      long touchpoints = 0;
      for (int i = 0; i < lines.size(); i++) {
        JsonNode line = JSON.readTree(lines.get(i));
        assertThat(line.get("interaction").asText()).isEqualTo("i-1-" + (i + 1));
        assertThat(line.get("customer").asText()).startsWith("C-1000");
        touchpoints += line.get("touchpoints").size();
      }
      assertThat(summary.touchpointsExpected).isEqualTo(touchpoints);
      assertThat(summary.touchpointsPerChannel)
          .containsOnlyKeys("web", "call-center", "mobile", "email");
      assertThat(summary.touchpointsPerName)
          .containsKeys(
              "payment.declined",
              "email.clicked",
              "caller.identified",
              "order.reordered",
              "email.changed",
              "orders.viewed",
              "product.view");
      assertThat(progress.toString()).contains("100%");
    }
  }
}
