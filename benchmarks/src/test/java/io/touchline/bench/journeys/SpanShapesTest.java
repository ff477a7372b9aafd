package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SpanShapesTest {

  private static final SortedSet<SpanShape> GENERATED =
      SpanShapes.of(Histories.ninetyDays(200, 3).requests());

  @Test
  void equalSetsHaveNoDifference() {
    assertThat(SpanShapes.differences(GENERATED, new TreeSet<>(GENERATED))).isEmpty();
  }

  @Test
  void aDifferenceNamesTheTouchpointAndTheFieldsOnBothSides() {
    SortedSet<SpanShape> agents = new TreeSet<>();
    for (SpanShape shape : GENERATED) {
      if (shape.touchpoint().equals("login")) {
        List<String> attributes = new ArrayList<>(shape.attributes());
        attributes.add("customer.segment:string");
        shape =
            new SpanShape(
                shape.service(),
                shape.channel(),
                shape.touchpoint(),
                shape.outcome(),
                shape.resource(),
                shape.scope(),
                shape.kind(),
                shape.flags(),
                List.of("email", "session"),
                attributes,
                shape.configVersion(),
                shape.status(),
                shape.events(),
                shape.child());
      }
      if (!shape.touchpoint().equals("push.opened")) {
        agents.add(shape);
      }
    }
    String report = SpanShapes.differences(agents, GENERATED);
    assertThat(report)
        .contains("web-shop login (success) differs:")
        .contains("key types: agents [email, session], generator [customer_id, email, session]")
        .contains("customer.segment:string")
        .contains(
            "only the generator writes SpanShape[service=mobile-backend, channel=mobile, touchpoint=push.opened");
  }
}
