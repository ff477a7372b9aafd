package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CelPredicatesTest {

  private static final CelPredicates CEL = new CelPredicates();

  /** What the engine binds for a declined payment of {@code amount} by a gold customer. */
  private static Map<String, Object> declined(Object amount) {
    Map<String, Object> attributes = new HashMap<>();
    if (amount != null) {
      attributes.put("payment.amount", amount);
    }
    Map<String, Object> bindings = new HashMap<>();
    bindings.put(CelPredicates.TRIGGER_TOUCHPOINT, "payment.declined");
    bindings.put(CelPredicates.TRIGGER_CHANNEL, "web");
    bindings.put(CelPredicates.TRIGGER_SERVICE, "web-shop");
    bindings.put(CelPredicates.TRIGGER_OUTCOME, "error");
    bindings.put(CelPredicates.TRIGGER_TIME, Instant.parse("2026-11-24T09:30:00Z"));
    bindings.put(CelPredicates.TRIGGER_ATTRIBUTES, attributes);
    bindings.put(CelPredicates.TRIGGER_KEYS, Map.of("customer_id", List.of("C-1001")));
    bindings.put(CelPredicates.PROFILE_ATTRIBUTES, Map.of("customer.tier", "gold"));
    bindings.put(
        CelPredicates.PROFILE_KEYS,
        Map.of("customer_id", List.of("C-1001"), "email", List.of("ann@example.com")));
    return bindings;
  }

  @Test
  void holdsForADeclinedPaymentOverTheAmountWhetherStoredAsDoubleOrWholeNumber()
      throws PredicateException {
    WherePredicate where = CEL.compile("trigger.attributes[\"payment.amount\"] > 100.0");

    assertThat(where.test(declined(120.5))).isTrue();
    assertThat(where.test(declined(120L))).isTrue();
    assertThat(where.test(declined(99.99))).isFalse();
  }

  @Test
  void readsEveryDeclaredVariable() throws PredicateException {
    WherePredicate where =
        CEL.compile(
            "trigger.touchpoint == 'payment.declined' && trigger.channel == 'web'"
                + " && trigger.service == 'web-shop' && trigger.outcome == 'error'"
                + " && trigger.time.getHours() == 9"
                + " && trigger.time.getHours('Europe/Berlin') == 10"
                + " && trigger.keys['customer_id'][0] == 'C-1001'"
                + " && profile.attributes['customer.tier'] in ['gold', 'silver']"
                + " && !('phone' in profile.keys)"
                + " && profile.keys['email'].exists(e, e.endsWith('@example.com'))");

    assertThat(where.test(declined(1.0))).isTrue();
  }

  @Test
  void aMissingAttributeIsAnErrorUnlessThePredicateGuardsIt() throws PredicateException {
    assertThatThrownBy(
            () -> CEL.compile("trigger.attributes['payment.amount'] > 100.0").test(declined(null)))
        .isInstanceOf(PredicateException.class)
        .hasMessageContaining("payment.amount");

    WherePredicate guarded =
        CEL.compile(
            "'payment.amount' in trigger.attributes && trigger.attributes['payment.amount'] > 100.0");
    assertThat(guarded.test(declined(null))).isFalse();
  }

  @Test
  void boundsTheIterationsOfOneEvaluation() {
    Map<String, Object> bindings = declined(1.0);
    @SuppressWarnings("unchecked")
    Map<String, Object> attributes = (Map<String, Object>) bindings.get("trigger.attributes");
    attributes.put("items", LongStream.range(0, CelPredicates.MAX_ITERATIONS + 1).boxed().toList());
    WherePredicate where = CEL.compile("trigger.attributes['items'].all(i, i >= 0)");

    assertThatThrownBy(() -> where.test(bindings))
        .isInstanceOf(PredicateException.class)
        .hasMessageContaining("Iteration budget exceeded");
  }

  @Test
  void refusesAnUndeclaredNameAndListsTheVariables() {
    assertThatThrownBy(() -> CEL.compile("trigger.atributes['x'] == 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 1: undeclared reference")
        .hasMessageContaining("trigger.attributes, trigger.keys, profile.attributes");
  }

  @Test
  void refusesATypeErrorAtLoad() {
    assertThatThrownBy(() -> CEL.compile("trigger.touchpoint > 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid CEL predicate");
  }

  @Test
  void refusesAPredicateThatIsNoTruthValue() {
    assertThatThrownBy(() -> CEL.compile("trigger.touchpoint"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be true or false")
        .hasMessageContaining("string");
  }

  @Test
  void aDynamicValueThatIsNoTruthValueFailsAtEvaluation() {
    WherePredicate where = CEL.compile("trigger.attributes['payment.amount']");

    assertThatThrownBy(() -> where.test(declined(3.0)))
        .isInstanceOf(PredicateException.class)
        .hasMessageContaining("not true or false");
  }

  @Test
  void refusesAnOverlongPredicate() {
    String longOne = "trigger.channel == '" + "x".repeat(CelPredicates.MAX_LENGTH) + "'";

    assertThatThrownBy(() -> CEL.compile(longOne)).hasMessageContaining("over 4096");
  }

  @Test
  void theCanonicalFormIgnoresSpacingAndQuotes() {
    assertThat(CEL.compile("trigger.channel  ==\n 'web'").canonical())
        .isEqualTo(CEL.compile("trigger.channel == \"web\"").canonical());
  }
}
