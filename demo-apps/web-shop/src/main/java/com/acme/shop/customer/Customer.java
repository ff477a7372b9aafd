package com.acme.shop.customer;

/** A registered customer. The customer number is the shop's own identifier. */
public class Customer {

  private final String customerNumber;
  private volatile String email;
  private final String name;
  private final String tier;

  public Customer(String customerNumber, String email, String name, String tier) {
    this.customerNumber = customerNumber;
    this.email = email;
    this.name = name;
    this.tier = tier;
  }

  public String getCustomerNumber() {
    return customerNumber;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getName() {
    return name;
  }

  /** {@code gold}, {@code silver} or {@code basic}. */
  public String getTier() {
    return tier;
  }
}
