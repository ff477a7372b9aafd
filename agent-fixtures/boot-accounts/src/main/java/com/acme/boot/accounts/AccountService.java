package com.acme.boot.accounts;

/** Logs customers in: the method the agent tests intercept, from inside a nested jar. */
public class AccountService {

  public String login(String email) {
    if (email == null || !email.contains("@")) {
      throw new IllegalArgumentException("not an e-mail address");
    }
    return "C-" + Math.abs(email.toLowerCase(java.util.Locale.ROOT).hashCode() % 1000);
  }
}
