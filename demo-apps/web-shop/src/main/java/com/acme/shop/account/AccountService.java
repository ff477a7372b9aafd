package com.acme.shop.account;

import com.acme.shop.RequestContext;
import com.acme.shop.customer.Customer;
import com.acme.shop.customer.CustomerRepository;

/** The account page: a customer changes the e-mail address they log in with. */
public class AccountService {

  private final CustomerRepository customers;
  private final RequestContext requests;

  public AccountService(CustomerRepository customers, RequestContext requests) {
    this.customers = customers;
    this.requests = requests;
  }

  /**
   * @throws EmailTakenException when another customer logs in with that address
   */
  public EmailChange changeEmail(String customerNumber, String newEmail) {
    Customer customer =
        customers
            .findByNumber(customerNumber)
            .orElseThrow(() -> new IllegalStateException("no customer " + customerNumber));
    String oldEmail = customer.getEmail();
    customers.changeEmail(customer, newEmail.trim());
    return new EmailChange(customerNumber, oldEmail, customer.getEmail());
  }
}
