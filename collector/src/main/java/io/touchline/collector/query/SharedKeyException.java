package io.touchline.collector.query;

import java.util.List;

/**
 * A lookup of a shared key: it belongs to several customers' profiles and names none of them. The
 * API answers 409 with the profiles and the touchpoints that carry only shared keys.
 */
public final class SharedKeyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The answer's body. */
  public record Answer(
      boolean shared, List<String> profiles, List<ProfileView.TouchpointView> touchpoints) {}

  private final transient Answer answer;

  SharedKeyException(
      String key, List<String> profiles, List<ProfileView.TouchpointView> ambiguous) {
    super(key + " is shared by " + profiles.size() + " profiles");
    this.answer = new Answer(true, profiles, ambiguous);
  }

  public Answer answer() {
    return answer;
  }
}
