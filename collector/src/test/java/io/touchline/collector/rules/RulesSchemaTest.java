package io.touchline.collector.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema editors use (config/rules.schema.json), the loader and docs/rules.md must name
 * the same fields, and the schema must accept the shipped files and refuse the mistakes the loader
 * refuses, or admins would be misled by their editor.
 */
class RulesSchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static JsonNode schemaNode;
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schemaNode = new ObjectMapper().readTree(Paths.get("../config/rules.schema.json").toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
  }

  private static Set<ValidationMessage> validate(String yaml) throws Exception {
    return schema.validate(YAML.readTree(yaml));
  }

  @Test
  void theDemoRulesAreValidForBoth() throws Exception {
    String demo = Files.readString(Paths.get("../config/rules-demo.yaml"));

    assertThat(validate(demo)).isEmpty();
    RuleSet rules = new RulesLoader(Map.of(), Set.of()).parse("rules-demo.yaml", demo);
    assertThat(rules.rules())
        .extracting(Rule::name)
        .containsExactly("declined-payment-callback", "abandoned-cart-reminder");
    assertThat(rules.targets().get("call-center").url()).hasToString("http://127.0.0.1:8082");
    assertThat(rules.rules())
        .allSatisfy(rule -> assertThat(rule.controlGroup().basisPoints()).isPositive());
  }

  @Test
  void theIssuesExampleAndEveryFormAreValidForBoth() throws Exception {
    String forms =
        RulesLoaderTest.EXAMPLE.replace(
            "targets:",
            String.join(
                "\n",
                "  - name: locked-out",
                "    trigger: {touchpoint: login, channel: web, outcome: error}",
                "    after: [{step: product.view, within: 1h}, {step: cart.add@web, within: 1h}]",
                "    count: {step: {touchpoint: login, outcome: error}, atLeast: 3, within: 10m}",
                "    segment: {customer.tier: gold}",
                "    action: {target: call-center-callbacks, path: '/x/{{keys.customer_id}}'}",
                "    controlGroup: 2.5",
                "    mode: shadow",
                "targets:"));

    assertThat(validate(forms)).isEmpty();
    assertThat(RulesLoaderTest.loader().parse("rules.yaml", forms).rules()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "    mode: live|    mode: loud",
        "    mode: live|    mod: live",
        "    mode: live\n|",
        "controlGroup: 20%|controlGroup: 120%",
        "within: 30m|within: soon",
        "within: 30m|within: 30",
        "perProfile: 1|perProfile: 0",
        "payment.declined@web|{touchpoint: payment.declined, outcome: ok}",
        "payment.declined@web|{touchpoint: payment.declined, chanel: web}",
        "- name: declined-payment-callback|- name: declined payment",
        "timeout: 5s|timeout: 5s, concurrency: 0",
        "timeout: 5s|timeout: 5s, method: FETCH",
        "http://127.0.0.1:8082/callbacks|ftp://host/callbacks",
        "quietHours: '21:00-08:00'|quietHours: 'nights'",
        "maxActions: 3, |",
        "contactPolicy: {|contactPolicy: {maxAction: 3, ",
        "requireKey: customer_id|requireKey: Customer Id",
      })
  void bothRefuseTheSameMistakes(String replacement) throws Exception {
    String[] parts = replacement.split("\\|", -1);
    assertThat(RulesLoaderTest.EXAMPLE).contains(parts[0]);
    String broken = RulesLoaderTest.EXAMPLE.replace(parts[0], parts[1]);

    assertThat(validate(broken)).as("schema errors for " + replacement).isNotEmpty();
    assertThatThrownBy(() -> RulesLoaderTest.loader().parse("rules.yaml", broken))
        .isInstanceOf(RulesException.class);
  }

  /** Each object of the file: the schema's definition and the record the loader binds. */
  @Test
  void theSchemaTheLoaderAndTheReferenceNameTheSameFields() throws Exception {
    JsonNode definitions = schemaNode.get("definitions");
    Map<JsonNode, Class<?>> objects =
        Map.of(
            schemaNode,
            RulesYaml.File.class,
            definitions.get("rule"),
            RulesYaml.Rule.class,
            definitions.get("target"),
            RulesYaml.Target.class,
            definitions.get("contactPolicy"),
            RulesYaml.ContactPolicy.class,
            definitions.get("window"),
            RulesYaml.Window.class,
            definitions.get("count"),
            RulesYaml.Count.class,
            definitions.at("/rule/properties/cap"),
            RulesYaml.Cap.class,
            definitions.at("/rule/properties/action"),
            RulesYaml.Action.class);
    String reference = Files.readString(Paths.get("../docs/rules.md"));
    List<String> fields = new ArrayList<>();
    objects.forEach(
        (node, type) -> {
          List<String> inSchema = names(node.get("properties").fieldNames());
          List<String> bound =
              Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
          assertThat(inSchema).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(bound);
          fields.addAll(bound);
        });
    assertThat(names(definitions.at("/step/oneOf/1/properties").fieldNames()))
        .containsExactlyInAnyOrder("touchpoint", "channel", "outcome");
    fields.addAll(List.of("touchpoint", "channel", "outcome"));
    assertThat(fields).allSatisfy(field -> assertThat(reference).as(field).contains("`" + field));
  }

  private static List<String> names(Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
