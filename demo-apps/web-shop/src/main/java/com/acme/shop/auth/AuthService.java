package com.acme.shop.auth;

import com.acme.shop.RequestContext;
import com.acme.shop.customer.Customer;
import com.acme.shop.customer.CustomerRepository;
import com.acme.shop.session.SessionRepository;

/** Logs a browser session in by e-mail; the shop has no passwords in this demo. */
public class AuthService {

  private final CustomerRepository customers;
  private final SessionRepository sessions;
  private final RequestContext requests;

  public AuthService(
      CustomerRepository customers, SessionRepository sessions, RequestContext requests) {
    this.customers = customers;
    this.sessions = sessions;
    this.requests = requests;
  }

  public Customer login(String email, String sessionId) {
    Customer customer =
        customers.findByEmail(email).orElseThrow(() -> new LoginFailedException("unknown e-mail"));
    sessions.require(sessionId).bindCustomer(customer.getCustomerNumber());
    return customer;
  }

  /** The browser stays, with its session and cart; only the customer leaves it. */
  public void logout(String sessionId) {
    sessions.require(sessionId).unbindCustomer();
  }
}
