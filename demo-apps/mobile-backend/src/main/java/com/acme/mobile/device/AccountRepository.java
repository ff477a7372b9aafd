package com.acme.mobile.device;

import com.acme.web.CsvFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The customer accounts that can sign in to the app, by customer number. */
public class AccountRepository {

  private final Map<String, String> nameByCustomerNumber;

  private AccountRepository(List<String[]> rows) {
    this.nameByCustomerNumber =
        rows.stream().collect(Collectors.toUnmodifiableMap(r -> r[0], r -> r[1], (a, b) -> a));
  }

  public static AccountRepository builtIn() {
    return new AccountRepository(CsvFile.rows("/accounts.csv"));
  }

  /** {@code mobile-accounts.csv} in {@code dataDirectory}. */
  public static AccountRepository fromDirectory(Path dataDirectory) {
    return new AccountRepository(CsvFile.rows(dataDirectory.resolve("mobile-accounts.csv")));
  }

  public Optional<String> nameOf(String customerNumber) {
    return Optional.ofNullable(nameByCustomerNumber.get(customerNumber));
  }
}
