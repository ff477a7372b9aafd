package io.touchline.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathExpressionTest {

  public static class Customer {
    private final String id;
    private final boolean vip;
    private final Map<String, String> attributes = new HashMap<>();

    Customer(String id, boolean vip) {
      this.id = id;
      this.vip = vip;
      attributes.put("X-Tier", "gold");
    }

    public String getId() {
      return id;
    }

    public boolean isVip() {
      return vip;
    }
  }

  public static class Order {
    final Customer customer; // read as a field: no getter
    private final String[] skus;

    Order(Customer customer, String... skus) {
      this.customer = customer;
      this.skus = skus;
    }

    public String getCustomerId() {
      throw new IllegalStateException("a getter that throws must not break the call");
    }
  }

  private static Object read(String path, Invocation invocation) throws PathSyntaxException {
    return PathExpression.parse(path).read(invocation);
  }

  private static Invocation call(Object... args) {
    return new Invocation(null, args, null, null);
  }

  @Test
  void readsGettersFieldsAndIsGetters() throws PathSyntaxException {
    Invocation call = call(new Order(new Customer("C-1", true), "A", "B"));
    assertThat(read("args[0].customer.id", call)).isEqualTo("C-1");
    assertThat(read("args[0].customer.vip", call)).isEqualTo(true);
    assertThat(read("args[0].skus[1]", call)).isEqualTo("B");
    assertThat(read("args[0].customer.attributes[\"X-Tier\"]", call)).isEqualTo("gold");
  }

  @Test
  void isNullSafeAtEveryStep() throws PathSyntaxException {
    Invocation call = call(new Order(null), null);
    assertThat(read("args[0].customer.id", call)).isNull();
    assertThat(read("args[1].anything", call)).isNull();
    assertThat(read("args[7]", call)).isNull();
    assertThat(read("args[0].skus[3]", call)).isNull();
    assertThat(read("args[0].noSuchProperty", call)).isNull();
  }

  @Test
  void aThrowingGetterYieldsNull() throws PathSyntaxException {
    assertThat(read("args[0].customerId", call(new Order(null)))).isNull();
  }

  @Test
  void readsMapsListsReturnThisAndThrown() throws PathSyntaxException {
    Map<String, Object> map = Collections.singletonMap("session", "s-1");
    Invocation call =
        new Invocation(
            map, new Object[] {Arrays.asList("x", "y")}, map, new IllegalStateException("boom"));
    assertThat(read("this.session", call)).isEqualTo("s-1");
    assertThat(read("return[\"session\"]", call)).isEqualTo("s-1");
    assertThat(read("args[0][1]", call)).isEqualTo("y");
    assertThat(read("thrown.message", call)).isEqualTo("boom");
  }

  @Test
  void refusesAnythingButTheTinyLanguage() {
    assertThatThrownBy(() -> PathExpression.parse("Runtime.getRuntime()"))
        .hasMessageContaining("a path starts with args[N], this, return or thrown");
    assertThatThrownBy(() -> PathExpression.parse("args[0].exec()"))
        .hasMessageContaining("at character 13");
    assertThatThrownBy(() -> PathExpression.parse("args[x]"))
        .hasMessageContaining("expected a non-negative index");
    assertThatThrownBy(() -> PathExpression.parse("args[0][\"open"))
        .hasMessageContaining("unterminated quoted key");
    assertThatThrownBy(() -> PathExpression.parse(" ")).hasMessageContaining("empty path");
  }
}
