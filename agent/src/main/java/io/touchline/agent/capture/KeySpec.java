package io.touchline.agent.capture;

import io.touchline.keys.Normalization;
import java.util.Collections;
import java.util.List;

/**
 * How one key type of a touchpoint is read and sent: its paths, its normalisation (the type's
 * default unless given) and whether it is sent hashed.
 */
public final class KeySpec {

  private final String type;
  private final List<PathExpression> paths;
  private final List<String> normalizers; // null: the type's default
  private final boolean hashed;

  public KeySpec(
      String type, List<PathExpression> paths, List<String> normalizers, boolean hashed) {
    this.type = type;
    this.paths = Collections.unmodifiableList(paths);
    this.normalizers = normalizers == null ? null : Collections.unmodifiableList(normalizers);
    this.hashed = hashed;
  }

  public String type() {
    return type;
  }

  public List<PathExpression> paths() {
    return paths;
  }

  public boolean hashed() {
    return hashed;
  }

  String normalize(String raw) {
    return Normalization.apply(
        normalizers == null ? Normalization.defaultsFor(type) : normalizers, raw);
  }
}
