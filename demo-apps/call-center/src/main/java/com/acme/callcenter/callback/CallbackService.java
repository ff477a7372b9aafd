package com.acme.callcenter.callback;

import com.acme.callcenter.directory.Directory;
import com.acme.web.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The callback queue the agents work through. */
public class CallbackService {

  private final List<Callback> queue = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong(5_000);
  private final Directory directory;
  private final Clock clock;
  private final RequestContext requests;

  public CallbackService(Directory directory, Clock clock, RequestContext requests) {
    this.directory = directory;
    this.clock = clock;
    this.requests = requests;
  }

  /**
   * Promises to call a customer back on {@code phone} (as the agent typed it) in {@code inMinutes}.
   *
   * @throws NoSuchElementException for an unknown customer
   * @throws IllegalArgumentException when {@code inMinutes} is not from 0 to a week
   */
  public Callback schedule(String customerNumber, String phone, int inMinutes) {
    if (inMinutes < 0 || inMinutes > 7 * 24 * 60) {
      throw new IllegalArgumentException(
          "inMinutes must be from 0 to a week (10080), was " + inMinutes);
    }
    directory.require(customerNumber);
    Callback callback =
        new Callback(
            "CB-" + sequence.incrementAndGet(),
            customerNumber,
            phone,
            clock.instant().plus(Duration.ofMinutes(inMinutes)));
    queue.add(callback);
    return callback;
  }
}
