package com.acme.shop.auth;

import com.acme.shop.customer.Customer;
import com.acme.shop.customer.CustomerRepository;
import com.acme.shop.session.SessionRepository;

/** Logs a browser session in by e-mail; the shop has no passwords in this demo. */
public class AuthService {

  private final CustomerRepository customers;
  private final SessionRepository sessions;

  public AuthService(CustomerRepository customers, SessionRepository sessions) {
    this.customers = customers;
    this.sessions = sessions;
  }

  public Customer login(String email, String sessionId) {
    Customer customer =
        customers.findByEmail(email).orElseThrow(() -> new LoginFailedException("unknown e-mail"));
    sessions.require(sessionId).bindCustomer(customer.getCustomerNumber());
    return customer;
  }
}
