package com.acme.mobile.device;

/** An install of the mobile app, known by the device id the app generated on first start. */
public class Device {

  private final String deviceId;
  private volatile String platform;
  private volatile String customerNumber;

  public Device(String deviceId, String platform) {
    this.deviceId = deviceId;
    this.platform = platform;
  }

  public String getDeviceId() {
    return deviceId;
  }

  public String getPlatform() {
    return platform;
  }

  void setPlatform(String platform) {
    this.platform = platform;
  }

  /** The customer signed in on this device; null when signed out. */
  public String getCustomerNumber() {
    return customerNumber;
  }

  void signIn(String customerNumber) {
    this.customerNumber = customerNumber;
  }
}
