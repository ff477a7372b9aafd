package com.acme.mobile.device;

import com.acme.web.RequestContext;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** App installs: registration on first start, sign-in with a customer number. */
public class DeviceService {

  static final Set<String> PLATFORMS = Set.of("ios", "android");

  private final Map<String, Device> devices = new ConcurrentHashMap<>();
  private final AccountRepository accounts;
  private final RequestContext requests;

  public DeviceService(AccountRepository accounts, RequestContext requests) {
    this.accounts = accounts;
    this.requests = requests;
  }

  /** Registering an id again (a reinstall) keeps the device and updates its platform. */
  public Device register(String deviceId, String platform) {
    if (!PLATFORMS.contains(platform)) {
      throw new IllegalArgumentException(
          "platform must be one of " + PLATFORMS + ", was '" + platform + "'");
    }
    Device device = devices.computeIfAbsent(deviceId, id -> new Device(id, platform));
    device.setPlatform(platform);
    return device;
  }

  public Device signIn(String deviceId, String customerNumber) {
    accounts
        .nameOf(customerNumber)
        .orElseThrow(() -> new NoSuchElementException("no account " + customerNumber));
    Device device = require(deviceId);
    device.signIn(customerNumber);
    return device;
  }

  public Device require(String deviceId) {
    Device device = devices.get(deviceId);
    if (device == null) {
      throw new NoSuchElementException("no device " + deviceId + "; register it first");
    }
    return device;
  }
}
