package com.acme.callcenter.callback;

import com.acme.callcenter.directory.Directory;
import com.acme.web.RequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The callback queue the agents work through. */
public class CallbackService {

  private final Map<String, Callback> queue = new ConcurrentHashMap<>();
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
   * The number to call a customer back on, from the directory: what the desk looks up when whoever
   * asks for the callback does not give one.
   *
   * @throws NoSuchElementException for an unknown customer
   * @throws NoPhoneException when the directory has no phone for the customer
   */
  public String phoneOf(String customerNumber) {
    String phone = directory.require(customerNumber).phone();
    if (phone == null || phone.isBlank()) {
      throw new NoPhoneException(customerNumber);
    }
    return phone;
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
            clock.instant().plus(Duration.ofMinutes(inMinutes)),
            null);
    queue.put(callback.id(), callback);
    return callback;
  }

  /**
   * Notes why a scheduled callback is to be made.
   *
   * @throws NoSuchElementException for an unknown callback
   */
  public Callback giveReason(String callbackId, String reason) {
    Callback callback = queue.computeIfPresent(callbackId, (id, c) -> c.withReason(reason));
    if (callback == null) {
      throw new NoSuchElementException("no callback " + callbackId);
    }
    return callback;
  }

  /**
   * The open callbacks due at or before {@code dueBy} (every open one when null), soonest first.
   */
  public List<Callback> dueBy(Instant dueBy) {
    return queue.values().stream()
        .filter(c -> dueBy == null || !c.due().isAfter(dueBy))
        .sorted(
            Comparator.comparing(Callback::due)
                .thenComparingLong(c -> Long.parseLong(c.id().substring("CB-".length()))))
        .toList();
  }

  /** The desk's clock, against which a {@code due} duration is measured. */
  public Instant now() {
    return clock.instant();
  }
}
