package com.acme.shop.customer;

import com.acme.shop.CsvResource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Registered customers, seeded from {@code customers.csv}. */
public class CustomerRepository {

  private final Map<String, Customer> byEmail = new ConcurrentHashMap<>();

  public CustomerRepository() {
    for (String[] row : CsvResource.rows("/customers.csv")) {
      Customer customer = new Customer(row[0], row[1], row[2], row[3]);
      byEmail.put(canonical(customer.getEmail()), customer);
    }
  }

  public Optional<Customer> findByEmail(String email) {
    return Optional.ofNullable(byEmail.get(canonical(email)));
  }

  private static String canonical(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
