package com.acme.simulator.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * The simulated customer base, generated from a seed, and the extracts each channel app holds of it
 * (docs/demo.md, "Customer data"): the same people, each system knowing its own part.
 */
public final class Population {

  /** The call center's own number: on no customer's record. */
  public static final String CALL_CENTER_NUMBER = "+44 20 7946 0000";

  public static final String FILE = "population.csv";
  private static final String HEADER = "customerNumber,name,email,phone,tier,household,device";

  private static final String[] FIRST = {
    "Ada", "Bruno", "Chloe", "David", "Emma", "Farah", "Gustav", "Hana", "Ivan", "Julia", "Kofi",
    "Lena", "Marco", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Wei", "Yusuf", "Zoe"
  };
  private static final String[] LAST = {
    "Martin", "Keller", "Dubois", "Nowak", "Rossi", "Haddad", "Lind", "Sato", "Petrov", "Silva",
        "Mensah",
    "Fischer", "Conti", "Berg", "Khan", "Patel", "Moreau", "Garcia", "Larsen", "Okafor", "Novak",
        "Chen"
  };

  private Population() {}

  /**
   * {@code customers} people from {@code seed}: about 10 % in two-person households sharing a
   * phone, tiers 15 % gold / 30 % silver / 55 % basic, about half with the mobile app.
   */
  public static List<Person> generate(int customers, long seed) {
    if (customers < 1 || customers > 999_999) {
      throw new IllegalArgumentException("customers must be from 1 to 999999, was " + customers);
    }
    Random random = new Random(seed);
    List<Person> people = new ArrayList<>(customers);
    for (int i = 0; i < customers; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String email = (first + "." + last + "." + (i + 1) + "@example.com").toLowerCase(Locale.ROOT);
      double tierDraw = random.nextDouble();
      String tier = tierDraw < 0.15 ? "gold" : tierDraw < 0.45 ? "silver" : "basic";
      String device =
          random.nextDouble() < 0.5 ? String.format("dev-%016x", random.nextLong()) : "";
      people.add(
          new Person("C-" + (100_001 + i), first + " " + last, email, phone(i), tier, "", device));
    }
    // Households: two neighbours in the list share the first one's phone (~10 % of customers).
    for (int i = 0; i + 1 < customers; i++) {
      if (random.nextDouble() < 0.055) {
        String household = "H-" + (i + 1);
        Person a = people.get(i);
        Person b = people.get(i + 1);
        people.set(
            i,
            new Person(
                a.customerNumber(),
                a.name(),
                a.email(),
                a.phone(),
                a.tier(),
                household,
                a.device()));
        people.set(
            i + 1,
            new Person(
                b.customerNumber(),
                b.name(),
                b.email(),
                a.phone(),
                b.tier(),
                household,
                b.device()));
        i++;
      }
    }
    return people;
  }

  /** A distinct, plausible London number per index; never the call center's own. */
  static String phone(int index) {
    // A multiplier coprime with the modulus walks every number once, in a scattered order.
    int n = (int) ((index * 7_919L + 1_234_567L) % 9_999_999L) + 1;
    String phone = String.format("+44 20 7%03d %04d", n / 10_000, n % 10_000);
    return phone.equals(CALL_CENTER_NUMBER)
        ? String.format("+44 20 7%03d %04d", 999, 9_999)
        : phone;
  }

  /** Writes {@value #FILE} and the four apps' extracts into {@code directory}. */
  public static void write(List<Person> people, Path directory) {
    try {
      Files.createDirectories(directory);
      csv(
          directory.resolve(FILE),
          HEADER,
          people,
          p ->
              String.join(
                  ",",
                  p.customerNumber(),
                  p.name(),
                  p.email(),
                  p.phone(),
                  p.tier(),
                  p.household(),
                  p.device()));
      csv(
          directory.resolve("shop-customers.csv"),
          "customerNumber,email,name,tier",
          people,
          p -> String.join(",", p.customerNumber(), p.email(), p.name(), p.tier()));
      csv(
          directory.resolve("call-center-directory.csv"),
          "phone,customerNumber,name,tier",
          people,
          p -> String.join(",", p.phone(), p.customerNumber(), p.name(), p.tier()));
      csv(
          directory.resolve("mobile-accounts.csv"),
          "customerNumber,name",
          people,
          p -> String.join(",", p.customerNumber(), p.name()));
      csv(
          directory.resolve("mailer-recipients.csv"),
          "customerNumber,email,name",
          people,
          p -> String.join(",", p.customerNumber(), p.email(), p.name()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the population to " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@value #FILE} from {@code directory}. */
  public static List<Person> read(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
        throw new IllegalArgumentException(file + ":1: expected the header " + HEADER);
      }
      List<Person> people = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        String[] f = lines.get(i).split(",", -1);
        if (f.length != 7) {
          throw new IllegalArgumentException(
              file + ":" + (i + 1) + ": expected 7 columns, found " + f.length);
        }
        people.add(new Person(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
      }
      return people;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + file + " (write it with `simulator population`): " + e.getMessage(), e);
    }
  }

  private static void csv(
      Path file, String header, List<Person> people, Function<Person, String> line)
      throws IOException {
    List<String> lines = new ArrayList<>(people.size() + 1);
    lines.add(header);
    people.forEach(p -> lines.add(line.apply(p)));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }
}
