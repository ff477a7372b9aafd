package io.touchline.collector.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The rules file as written, bound strictly by Jackson: every field the file may hold and nothing
 * else (an unknown field is an error). Nothing is checked here; {@link RuleSetCompiler} checks each
 * value with its field's path and turns the whole into a {@link RuleSet}. docs/rules.md and
 * config/rules.schema.json describe the same fields (a test holds the three together).
 */
final class RulesYaml {

  private RulesYaml() {}

  /**
   * @param rules what to do when a journey takes a turn, each with a unique name
   * @param targets where actions go: name to endpoint
   * @param contactPolicy the limits across all rules
   */
  record File(List<Rule> rules, Map<String, Target> targets, ContactPolicy contactPolicy) {}

  /**
   * @param name unique in the file; {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 64
   * @param trigger the step whose arrival is considered
   * @param where a CEL predicate over the trigger and the profile
   * @param after sequence: steps that must have come before the trigger, within a window
   * @param unless absence: steps that must not follow the trigger within a window
   * @param count steps that must have come at least N times within a window before the trigger
   * @param segment attribute to the values the profile's latest value must be one of
   * @param requireKey a key type the profile must hold
   * @param action what is sent, to which target
   * @param controlGroup the share of profiles held out: {@code 20%} or {@code 20}
   * @param goal the step that counts as success, within a window after the trigger
   * @param cap at most N decisions of this rule per profile within a window
   * @param mode {@code live}, {@code shadow} or {@code paused}; required
   */
  record Rule(
      String name,
      Step trigger,
      String where,
      List<Window> after,
      List<Window> unless,
      List<Count> count,
      Map<String, List<String>> segment,
      String requireKey,
      Action action,
      Object controlGroup,
      Window goal,
      Cap cap,
      String mode) {}

  /**
   * @param step the step looked for
   * @param within the window, e.g. {@code 30m}
   */
  record Window(Step step, String within) {}

  /**
   * @param step the step counted
   * @param atLeast how many times at least (1 or more)
   * @param within the window before the trigger
   */
  record Count(Step step, Integer atLeast, String within) {}

  /**
   * @param perProfile decisions at most
   * @param within per this window
   */
  record Cap(Integer perProfile, String within) {}

  /**
   * @param target a name under {@code targets}
   * @param path appended to the target's URL; a template, each value URL-encoded
   * @param body the request body; a template of JSON, each value JSON-escaped
   */
  record Action(String target, String path, String body) {}

  /**
   * @param url {@code http://} or {@code https://}; {@code ${ENV}} is read from the environment
   * @param method POST (the default), PUT, PATCH, GET or DELETE
   * @param headers sent with every request; {@code ${ENV}} in a value is read from the environment
   * @param secretEnv the environment variable holding the HMAC secret the body is signed with
   * @param timeout for one request, e.g. {@code 5s}
   * @param concurrency requests under way at once
   * @param ratePerSecond requests started per second at most
   */
  record Target(
      String url,
      String method,
      Map<String, String> headers,
      String secretEnv,
      String timeout,
      Integer concurrency,
      Double ratePerSecond) {}

  /**
   * @param maxActions actions per profile across all rules, at most
   * @param within per this window
   * @param quietHours {@code HH:MM-HH:MM}: no action is sent in between
   * @param timeZone the zone of the quiet hours, e.g. {@code Europe/Berlin}
   * @param globalControl the share of profiles no rule ever contacts
   */
  record ContactPolicy(
      Integer maxActions,
      String within,
      String quietHours,
      String timeZone,
      Object globalControl) {}

  /**
   * A step as written: either the compact text {@code touchpoint[@channel]}, or a mapping {@code
   * {touchpoint, channel, outcome}}. Kept as written; {@link Step#parse} reads it with its path.
   */
  static final class Step {
    final String compact;
    final String touchpoint;
    final String channel;
    final String outcome;

    private Step(String compact, String touchpoint, String channel, String outcome) {
      this.compact = compact;
      this.touchpoint = touchpoint;
      this.channel = channel;
      this.outcome = outcome;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Step compact(String text) {
      return new Step(text, null, null, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Step mapping(
        @JsonProperty("touchpoint") String touchpoint,
        @JsonProperty("channel") String channel,
        @JsonProperty("outcome") String outcome) {
      return new Step(null, touchpoint, channel, outcome);
    }
  }
}
