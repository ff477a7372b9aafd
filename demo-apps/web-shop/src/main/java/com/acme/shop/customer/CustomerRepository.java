package com.acme.shop.customer;

import com.acme.shop.CsvResource;
import com.acme.shop.account.EmailTakenException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered customers, by login e-mail and by customer number. */
public class CustomerRepository {

  private final Map<String, Customer> byEmail = new ConcurrentHashMap<>();
  private final Map<String, Customer> byNumber = new ConcurrentHashMap<>();

  /** The shop's built-in customers ({@code customers.csv}). */
  public CustomerRepository() {
    this(CsvResource.rows("/customers.csv"));
  }

  /** Customers from {@code shop-customers.csv} in {@code dataDirectory}. */
  public static CustomerRepository fromDirectory(Path dataDirectory) {
    return new CustomerRepository(CsvResource.rows(dataDirectory.resolve("shop-customers.csv")));
  }

  private CustomerRepository(List<String[]> rows) {
    for (String[] row : rows) {
      Customer customer = new Customer(row[0], row[1], row[2], row[3]);
      byEmail.put(canonical(customer.getEmail()), customer);
      byNumber.put(customer.getCustomerNumber(), customer);
    }
  }

  public Optional<Customer> findByEmail(String email) {
    return Optional.ofNullable(byEmail.get(canonical(email)));
  }

  public Optional<Customer> findByNumber(String customerNumber) {
    return Optional.ofNullable(byNumber.get(customerNumber));
  }

  /** Moves the customer's login to {@code newEmail}; the old address no longer logs in. */
  public synchronized void changeEmail(Customer customer, String newEmail) {
    Customer holder = byEmail.get(canonical(newEmail));
    if (holder != null && holder != customer) {
      throw new EmailTakenException(newEmail);
    }
    byEmail.remove(canonical(customer.getEmail()));
    customer.setEmail(newEmail);
    byEmail.put(canonical(newEmail), customer);
  }

  private static String canonical(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
