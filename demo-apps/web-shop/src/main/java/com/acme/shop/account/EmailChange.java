package com.acme.shop.account;

/** What an e-mail change did, for the confirmation page and the audit trail. */
public class EmailChange {

  private final String customerNumber;
  private final String oldEmail;
  private final String newEmail;

  public EmailChange(String customerNumber, String oldEmail, String newEmail) {
    this.customerNumber = customerNumber;
    this.oldEmail = oldEmail;
    this.newEmail = newEmail;
  }

  public String getCustomerNumber() {
    return customerNumber;
  }

  public String getOldEmail() {
    return oldEmail;
  }

  public String getNewEmail() {
    return newEmail;
  }
}
