package com.acme.callcenter.callback;

/** The directory knows the customer but has no phone to call them back on. */
public class NoPhoneException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NoPhoneException(String customerNumber) {
    super("customer " + customerNumber + " has no phone in the directory");
  }
}
