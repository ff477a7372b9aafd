package com.acme.mobile.order;

import com.acme.mobile.device.Device;
import com.acme.mobile.device.DeviceService;
import com.acme.web.RequestContext;
import java.util.concurrent.atomic.AtomicLong;

/** "Order again": repeats a previous order for the customer signed in on the device. */
public class ReorderService {

  private final AtomicLong sequence = new AtomicLong(80_000);
  private final DeviceService devices;
  private final RequestContext requests;

  public ReorderService(DeviceService devices, RequestContext requests) {
    this.devices = devices;
    this.requests = requests;
  }

  public Reorder reorder(String deviceId, String previousOrderId) {
    Device device = devices.require(deviceId);
    String customerNumber = device.getCustomerNumber();
    if (customerNumber == null) {
      throw new NotSignedInException(deviceId);
    }
    return new Reorder(
        "M-" + sequence.incrementAndGet(), previousOrderId, deviceId, customerNumber);
  }
}
