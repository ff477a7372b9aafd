package io.touchline.collector.rules;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A share of profiles, from 0 to 100 % in steps of 0.01 %: written {@code 20%}, {@code 2.5%} or
 * {@code 20}. Held as basis points so that the engine compares a profile's hash bucket (0 to 9999)
 * with it exactly, with no rounding of a double on the way.
 *
 * @param basisPoints hundredths of a percent, 0 to 10000
 */
public record Percent(int basisPoints) {

  public static final Percent NONE = new Percent(0);

  /** Buckets a profile's hash falls in: {@link #includes} takes 0 to {@code BUCKETS - 1}. */
  public static final int BUCKETS = 10_000;

  private static final Pattern FORM = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)\\s*%?");

  public Percent {
    if (basisPoints < 0 || basisPoints > BUCKETS) {
      throw new IllegalArgumentException("must be between 0% and 100%");
    }
  }

  /** A share from the file: {@code 20%}, {@code "2.5%"}, {@code 20} or {@code 2.5}. */
  static Percent parse(Object value) {
    String text =
        value instanceof Number number
            ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
            : value instanceof String string ? string.trim() : null;
    Matcher matcher = text == null ? null : FORM.matcher(text);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalArgumentException(
          "must be a share between 0% and 100% such as 20% or 2.5%, was "
              + (value instanceof String ? "'" + value + "'" : describe(value)));
    }
    BigDecimal percent = new BigDecimal(matcher.group(1));
    if (percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("must be 100% at most, was " + text);
    }
    return new Percent(percent.movePointRight(2).intValueExact());
  }

  private static String describe(Object value) {
    if (value instanceof Number number) {
      return number.toString();
    }
    return value instanceof java.util.List ? "a list" : value == null ? "nothing" : "a mapping";
  }

  /** Whether a profile whose hash falls in {@code bucket} (0 to 9999) is in this share. */
  public boolean includes(int bucket) {
    return bucket < basisPoints;
  }

  /** {@code 20%}, {@code 2.5%}. */
  @Override
  public String toString() {
    return BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros().toPlainString() + "%";
  }
}
