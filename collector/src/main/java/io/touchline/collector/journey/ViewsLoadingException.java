package io.touchline.collector.journey;

/** The views cannot answer yet: the collector is still reading the stored touchpoints back. */
public final class ViewsLoadingException extends RuntimeException {

  public ViewsLoadingException(double share) {
    super(
        String.format(
            java.util.Locale.ROOT,
            "the analyst views are reading the stored touchpoints back after the start (%.0f%% done); try again in a few seconds",
            share * 100));
  }

  /** The reading failed: the message says why. */
  public ViewsLoadingException(String failure) {
    super("the analyst views are unavailable: " + failure);
  }
}
