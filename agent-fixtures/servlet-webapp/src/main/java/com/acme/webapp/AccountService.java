package com.acme.webapp;

import java.util.Locale;

/** Logs customers in: the method the agent tests intercept inside a web application. */
public class AccountService {

  public String login(String email) {
    if (email == null || !email.contains("@")) {
      throw new IllegalArgumentException("not an e-mail address");
    }
    return "C-" + Math.abs(email.toLowerCase(Locale.ROOT).hashCode() % 1000);
  }
}
