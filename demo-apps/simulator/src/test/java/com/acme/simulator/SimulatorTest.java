package com.acme.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.shop.ShopApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void theSameSeedPlaysTheSameCustomers() {
    List<CustomerPlan> first = CustomerPlan.plan(Simulator.personas(), 50, 7);
    assertThat(CustomerPlan.plan(Simulator.personas(), 50, 7)).isEqualTo(first);
    assertThat(CustomerPlan.plan(Simulator.personas(), 50, 8)).isNotEqualTo(first);
    assertThat(first.get(0).email()).isEqualTo("alice.martin@example.com");
    assertThat(first.get(0).scenario()).isEqualTo(Scenario.PURCHASE);
    assertThat(first).extracting(CustomerPlan::scenario).contains(Scenario.values());
  }

  @Test
  void playsCustomersAgainstARealShop() throws Exception {
    try (ShopApplication shop = ShopApplication.start("127.0.0.1", 0)) {
      List<CustomerPlan> plans = CustomerPlan.plan(Simulator.personas(), 20, 42);
      Simulator.Summary summary =
          new Simulator("http://127.0.0.1:" + shop.port(), 42, Duration.ofSeconds(5)).run(plans);

      long purchases = plans.stream().filter(p -> p.scenario() == Scenario.PURCHASE).count();
      assertThat(summary.customers()).isEqualTo(20);
      assertThat(summary.orders()).isEqualTo(purchases).isPositive();
      long declined = plans.stream().filter(p -> p.scenario() == Scenario.DECLINED_PAYMENT).count();
      assertThat(summary.declinedPayments()).isEqualTo(declined).isPositive();
      assertThat(summary.orders() + summary.abandonedCarts() + summary.declinedPayments() + summary.browseOnly())
          .isEqualTo(20);
    }
  }

  @Test
  void saysSoWhenTheShopIsNotThere() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Simulator simulator = new Simulator("http://127.0.0.1:" + closedPort, 1, Duration.ofMillis(500));
    assertThatThrownBy(() -> simulator.run(List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer");
  }
}
