package com.acme.mobile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.mobile.device.AccountRepository;
import com.acme.mobile.device.Device;
import com.acme.mobile.device.DeviceService;
import com.acme.mobile.order.NotSignedInException;
import com.acme.mobile.order.Reorder;
import com.acme.mobile.order.ReorderService;
import com.acme.mobile.push.PushOpen;
import com.acme.mobile.push.PushService;
import com.acme.web.RequestContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * The service methods config/agent-mobile.yaml names as touchpoints: what they take and return is
 * what the agent reads, so these are the backend's side of that config.
 */
class TouchpointServicesTest {

  private final RequestContext requests = new RequestContext();
  private final DeviceService devices = new DeviceService(AccountRepository.builtIn(), requests);
  private final PushService push = new PushService(devices, requests);
  private final ReorderService orders = new ReorderService(devices, requests);

  @Test
  void everyTouchpointServiceKeepsTheRequestContextAsTheAgentReadsIt() throws Exception {
    for (Object service : new Object[] {devices, push, orders}) {
      Field field = service.getClass().getDeclaredField("requests");
      assertThat(field.getType()).as(service.getClass().getName()).isEqualTo(RequestContext.class);
      assertThat(Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
          .isTrue();
      field.setAccessible(true);
      assertThat(field.get(service)).isSameAs(requests);
    }
  }

  @Test
  void theRequestContextHoldsTheIdOfTheRequestBeingServed() {
    requests.enter("i-7-3");
    assertThat(requests.getRequestId()).isEqualTo("i-7-3");
    requests.leave();
    assertThat(requests.getRequestId()).isNull();
  }

  @Test
  void signInReturnsTheDeviceWithItsCustomer() {
    devices.register("dev-1", "android");
    Device device = devices.signIn("dev-1", "C-1009");
    assertThat(device.getDeviceId()).isEqualTo("dev-1");
    assertThat(device.getCustomerNumber()).isEqualTo("C-1009");
  }

  @Test
  void aPushOpenNamesTheNotificationAndTheDevice() {
    devices.register("dev-1", "ios");
    PushOpen open = push.opened("reorder-c-1001", "dev-1");
    assertThat(open.notificationId()).isEqualTo("reorder-c-1001");
    assertThat(open.deviceId()).isEqualTo("dev-1");
  }

  @Test
  void aReorderNamesTheNewOrderThePreviousOneAndTheCustomer() {
    devices.register("dev-1", "ios");
    assertThatThrownBy(() -> orders.reorder("dev-1", "O-50001"))
        .isInstanceOf(NotSignedInException.class);
    devices.signIn("dev-1", "C-1001");
    Reorder order = orders.reorder("dev-1", "O-50001");
    assertThat(order.orderId()).startsWith("M-");
    assertThat(order.previousOrderId()).isEqualTo("O-50001");
    assertThat(order.deviceId()).isEqualTo("dev-1");
    assertThat(order.customerNumber()).isEqualTo("C-1001");
  }
}
