package io.touchline.agent.export;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/** The {@code Retry-After} header: a number of seconds or an HTTP-date (RFC 7231 §7.1.3). */
final class RetryAfter {

  private RetryAfter() {}

  /** The delay it asks for in nanoseconds, or -1 when absent or unreadable. */
  static long parse(String header) {
    if (header == null || header.trim().isEmpty()) {
      return -1;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? -1 : TimeUnit.SECONDS.toNanos(seconds);
    } catch (NumberFormatException notSeconds) {
      SimpleDateFormat httpDate = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
      httpDate.setTimeZone(TimeZone.getTimeZone("GMT"));
      try {
        Date until = httpDate.parse(value);
        return Math.max(
            0, TimeUnit.MILLISECONDS.toNanos(until.getTime() - System.currentTimeMillis()));
      } catch (ParseException e) {
        return -1;
      }
    }
  }
}
