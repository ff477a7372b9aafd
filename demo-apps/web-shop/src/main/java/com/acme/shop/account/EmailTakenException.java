package com.acme.shop.account;

/** Another customer already logs in with the address asked for. */
public class EmailTakenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmailTakenException(String email) {
    super("another account uses " + email);
  }
}
