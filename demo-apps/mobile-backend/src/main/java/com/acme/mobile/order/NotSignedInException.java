package com.acme.mobile.order;

/** Ordering needs a customer signed in on the device. */
public class NotSignedInException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotSignedInException(String deviceId) {
    super("sign in on device " + deviceId + " to order");
  }
}
