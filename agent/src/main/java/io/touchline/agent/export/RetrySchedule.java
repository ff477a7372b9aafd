package io.touchline.agent.export;

import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * When the Java 8 sender tries a request again, as OpenTelemetry's own senders do: on 429, 502, 503
 * and 504 and on I/O errors other than TLS ones, up to the policy's attempts, waiting what the
 * collector's {@code Retry-After} says or else an exponential back-off with jitter — never past the
 * export's timeout.
 */
final class RetrySchedule {

  private final RetryPolicy policy;
  private final long deadlineNanos;
  private int attempts = 1;
  private long nextBackoffNanos;

  RetrySchedule(RetryPolicy policy, long timeoutNanos) {
    this.policy = policy;
    this.deadlineNanos = System.nanoTime() + timeoutNanos;
    this.nextBackoffNanos = policy == null ? 0 : policy.getInitialBackoff().toNanos();
  }

  static boolean isRetryable(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  boolean isRetryable(IOException error) {
    if (policy == null) {
      return false;
    }
    Predicate<IOException> predicate = policy.getRetryExceptionPredicate();
    return predicate != null ? predicate.test(error) : !(error instanceof SSLException);
  }

  /**
   * How long to wait before the next attempt, or -1 when there is none: no policy, attempts used
   * up, or no time left. {@code retryAfterNanos} is the server's wish, or -1 for none.
   */
  long nextDelayNanos(long retryAfterNanos) {
    if (policy == null || attempts >= policy.getMaxAttempts()) {
      return -1;
    }
    attempts++;
    long backoff = Math.min(nextBackoffNanos, policy.getMaxBackoff().toNanos());
    nextBackoffNanos = (long) (backoff * policy.getBackoffMultiplier());
    long delay =
        retryAfterNanos >= 0
            ? retryAfterNanos
            : (long) (backoff * ThreadLocalRandom.current().nextDouble(0.8d, 1.2d));
    long left = deadlineNanos - System.nanoTime();
    return delay < left ? delay : -1;
  }

  static void sleep(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(nanos);
  }
}
