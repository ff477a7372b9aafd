package com.acme.callcenter.directory;

import com.acme.web.CsvFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The desk's customer directory. Phones are compared by their digits, since agents and switches
 * write them differently; a household's phone leads to every customer on it. A line with an empty
 * phone is a customer the desk cannot call: found by customer number, never by phone.
 */
public class Directory {

  private final Map<String, List<DirectoryEntry>> byPhoneDigits = new HashMap<>();
  private final Map<String, DirectoryEntry> byCustomerNumber = new HashMap<>();

  public Directory(List<DirectoryEntry> entries) {
    for (DirectoryEntry entry : entries) {
      if (!digits(entry.phone()).isEmpty()) {
        byPhoneDigits.computeIfAbsent(digits(entry.phone()), d -> new ArrayList<>()).add(entry);
      }
      byCustomerNumber.put(entry.customerNumber(), entry);
    }
  }

  /** The built-in directory ({@code directory.csv}). */
  public static Directory builtIn() {
    return fromRows(CsvFile.rows("/directory.csv"));
  }

  /** {@code call-center-directory.csv} in {@code dataDirectory}. */
  public static Directory fromDirectory(Path dataDirectory) {
    return fromRows(CsvFile.rows(dataDirectory.resolve("call-center-directory.csv")));
  }

  private static Directory fromRows(List<String[]> rows) {
    return new Directory(
        rows.stream().map(r -> new DirectoryEntry(r[0], r[1], r[2], r[3])).toList());
  }

  /**
   * Every customer on this number, compared by digits only: {@code +44 20 7946 0105} is {@code
   * +442079460105}.
   */
  public List<DirectoryEntry> findByPhone(String phone) {
    return List.copyOf(byPhoneDigits.getOrDefault(digits(phone), List.of()));
  }

  public Optional<DirectoryEntry> findByCustomerNumber(String customerNumber) {
    return Optional.ofNullable(byCustomerNumber.get(customerNumber));
  }

  /**
   * @throws NoSuchElementException when no line of the directory has this customer number
   */
  public DirectoryEntry require(String customerNumber) {
    return findByCustomerNumber(customerNumber)
        .orElseThrow(() -> new NoSuchElementException("no customer " + customerNumber));
  }

  static String digits(String phone) {
    return phone.replaceAll("[^0-9]", "");
  }
}
