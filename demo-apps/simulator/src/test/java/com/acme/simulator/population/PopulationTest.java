package com.acme.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationTest {

  @Test
  void theSameSeedGivesTheSamePeopleAndAnotherSeedOthers() {
    assertThat(Population.generate(200, 1))
        .isEqualTo(Population.generate(200, 1))
        .isNotEqualTo(Population.generate(200, 2));
  }

  @Test
  void looksLikeACustomerBase() {
    List<Person> people = Population.generate(2_000, 1);
    assertThat(people)
        .extracting(Person::customerNumber)
        .doesNotHaveDuplicates()
        .startsWith("C-100001");
    assertThat(people).extracting(Person::email).doesNotHaveDuplicates();
    assertThat(people)
        .extracting(Person::phone)
        .doesNotContain(Population.CALL_CENTER_NUMBER)
        .allMatch(p -> p.matches("\\+44 20 7\\d{3} \\d{4}"));
    Map<String, Long> tiers =
        people.stream().collect(Collectors.groupingBy(Person::tier, Collectors.counting()));
    assertThat(tiers.get("gold")).isBetween(230L, 370L);
    assertThat(tiers.get("silver")).isBetween(500L, 700L);
    assertThat(tiers.get("basic")).isBetween(1_000L, 1_200L);
    assertThat(people.stream().filter(Person::hasDevice).count()).isBetween(900L, 1_100L);
    long inHouseholds = people.stream().filter(Person::inHousehold).count();
    assertThat(inHouseholds).isBetween(150L, 250L);
  }

  @Test
  void householdsAreTwoPeopleSharingOnePhoneAndOtherwisePhonesAreOwn() {
    List<Person> people = Population.generate(2_000, 3);
    Map<String, List<Person>> households =
        people.stream()
            .filter(Person::inHousehold)
            .collect(Collectors.groupingBy(Person::household));
    assertThat(households.values())
        .allSatisfy(
            members -> {
              assertThat(members).hasSize(2);
              assertThat(members.get(0).phone()).isEqualTo(members.get(1).phone());
            });
    assertThat(people.stream().filter(p -> !p.inHousehold()).map(Person::phone))
        .doesNotHaveDuplicates();
  }

  @Test
  void writesEachAppItsOwnExtractAndReadsThePopulationBack(@TempDir Path dir) throws Exception {
    List<Person> people = Population.generate(30, 5);
    Population.write(people, dir);
    assertThat(Population.read(dir)).isEqualTo(people);
    assertThat(Files.readAllLines(dir.resolve("shop-customers.csv")))
        .hasSize(31)
        .first()
        .isEqualTo("customerNumber,email,name,tier");
    assertThat(Files.readAllLines(dir.resolve("call-center-directory.csv")))
        .hasSize(31)
        .first()
        .isEqualTo("phone,customerNumber,name,tier");
    assertThat(Files.readAllLines(dir.resolve("mobile-accounts.csv")))
        .hasSize(31)
        .first()
        .isEqualTo("customerNumber,name");
    assertThat(Files.readAllLines(dir.resolve("mailer-recipients.csv")))
        .hasSize(31)
        .first()
        .isEqualTo("customerNumber,email,name");
    Person first = people.get(0);
    assertThat(Files.readAllLines(dir.resolve("shop-customers.csv")).get(1))
        .isEqualTo(
            first.customerNumber() + "," + first.email() + "," + first.name() + "," + first.tier());
  }
}
