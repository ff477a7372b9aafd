package io.touchline.collector.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A rule's version: the first 12 hex digits of the SHA-256 of its canonical content. The same rule
 * has the same version wherever it stands in the file and however it is spaced or quoted ({@code
 * 30m} and {@code 1800s} are one window, {@code 20%} and {@code 20} one share, a predicate counts
 * as CEL prints it back); any change to what it decides or sends is a new version.
 *
 * <p>Covered: the name and every field that decides or shapes the action. Not covered: {@code mode}
 * (pausing or shadowing a rule is no new rule: its decisions and lift go on under one version), the
 * rule's place in the file, and the target's own settings (where it sends is the target's business;
 * the rule names it).
 */
final class RuleVersion {

  /** 48 bits: no two versions of the rules a team keeps will collide. */
  static final int HEX_DIGITS = 12;

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private RuleVersion() {}

  static String of(Rule rule) {
    try {
      byte[] canonical = CANONICAL.writeValueAsBytes(canonical(rule));
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
      return HexFormat.of().formatHex(hash).substring(0, HEX_DIGITS);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash a rule", e);
    }
  }

  /**
   * The content as plain maps. A field left out is absent rather than null, so that a field added
   * later leaves the versions of rules that do not use it as they were.
   */
  static Map<String, Object> canonical(Rule rule) {
    Map<String, Object> content = new TreeMap<>();
    content.put("name", rule.name());
    content.put("trigger", step(rule.trigger()));
    rule.where().ifPresent(where -> content.put("where", where.canonical()));
    putList(content, "after", rule.after().stream().map(RuleVersion::window).toList());
    putList(content, "unless", rule.unless().stream().map(RuleVersion::window).toList());
    putList(content, "count", rule.count().stream().map(RuleVersion::count).toList());
    if (!rule.segment().isEmpty()) {
      Map<String, Object> segment = new TreeMap<>();
      rule.segment().forEach((name, values) -> segment.put(name, new TreeSet<>(values)));
      content.put("segment", segment);
    }
    rule.requireKey().ifPresent(key -> content.put("requireKey", key));
    Map<String, Object> action = new TreeMap<>();
    action.put("target", rule.action().target());
    rule.action().path().ifPresent(path -> action.put("path", path.text()));
    rule.action().body().ifPresent(body -> action.put("body", body.text()));
    content.put("action", action);
    if (rule.controlGroup().basisPoints() > 0) {
      content.put("controlGroupBasisPoints", rule.controlGroup().basisPoints());
    }
    rule.goal().ifPresent(goal -> content.put("goal", window(goal)));
    rule.cap()
        .ifPresent(
            cap ->
                content.put(
                    "cap",
                    Map.of(
                        "perProfile",
                        cap.perProfile(),
                        "withinSeconds",
                        cap.within().toSeconds())));
    return content;
  }

  private static void putList(Map<String, Object> content, String field, List<?> items) {
    if (!items.isEmpty()) {
      content.put(field, new ArrayList<>(items));
    }
  }

  private static Map<String, Object> step(Step step) {
    Map<String, Object> content = new TreeMap<>();
    content.put("touchpoint", step.touchpoint());
    if (step.channel() != null) {
      content.put("channel", step.channel());
    }
    if (step.outcome() != null) {
      content.put("outcome", step.outcome().label());
    }
    return content;
  }

  private static Map<String, Object> window(StepWindow window) {
    return Map.of("step", step(window.step()), "withinSeconds", window.within().toSeconds());
  }

  private static Map<String, Object> count(StepCount count) {
    return Map.of(
        "step",
        step(count.step()),
        "atLeast",
        count.atLeast(),
        "withinSeconds",
        count.within().toSeconds());
  }
}
