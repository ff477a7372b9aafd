package com.acme.mailer.campaign;

import com.acme.web.CsvFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The mailing list extract: customer number → e-mail address at the time of the extract. */
public class RecipientRepository {

  private final Map<String, String> emailByCustomerNumber;

  private RecipientRepository(List<String[]> rows) {
    this.emailByCustomerNumber =
        rows.stream().collect(Collectors.toUnmodifiableMap(r -> r[0], r -> r[1], (a, b) -> a));
  }

  public static RecipientRepository builtIn() {
    return new RecipientRepository(CsvFile.rows("/recipients.csv"));
  }

  /** {@code mailer-recipients.csv} in {@code dataDirectory}. */
  public static RecipientRepository fromDirectory(Path dataDirectory) {
    return new RecipientRepository(CsvFile.rows(dataDirectory.resolve("mailer-recipients.csv")));
  }

  public Optional<String> emailOf(String customerNumber) {
    return Optional.ofNullable(emailByCustomerNumber.get(customerNumber));
  }

  public int size() {
    return emailByCustomerNumber.size();
  }
}
