package com.acme.callcenter.call;

import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryEntry;
import com.acme.web.RequestContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inbound calls: the switch answers, the IVR routes, an agent identifies the caller, the caller
 * hangs up.
 */
public class CallService {

  /** The IVR menu, in the order the caller hears it. */
  public static final List<String> IVR_OPTIONS = List.of("orders", "billing", "agent");

  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(700_000);
  private final Directory directory;
  private final Clock clock;
  private final RequestContext requests;

  public CallService(Directory directory, Clock clock, RequestContext requests) {
    this.directory = directory;
    this.clock = clock;
    this.requests = requests;
  }

  /** The switch answers a call from {@code fromPhone}, the number as the switch reports it. */
  public Call receive(String fromPhone) {
    Call call = new Call("CALL-" + sequence.incrementAndGet(), fromPhone, clock.instant());
    calls.put(call.getId(), call);
    return call;
  }

  public Call selectOption(String callId, String option) {
    if (!IVR_OPTIONS.contains(option)) {
      throw new IllegalArgumentException(
          "option must be one of " + String.join(", ", IVR_OPTIONS) + ", was '" + option + "'");
    }
    Call call = require(callId);
    call.setIvrOption(option);
    return call;
  }

  /**
   * The agent ties the call to a customer, entering the phone number as they heard or read it: the
   * desk keeps what was typed, right or wrong, as real desks do.
   */
  public Call identifyCaller(String callId, String typedPhone, String customerNumber) {
    Call call = require(callId);
    DirectoryEntry customer = directory.require(customerNumber);
    call.identify(typedPhone, customer.customerNumber(), customer.tier());
    return call;
  }

  /** The caller hangs up; the call's duration is measured on this service's clock. */
  public Call end(String callId) {
    Call call = require(callId);
    call.end(clock.instant());
    return call;
  }

  /**
   * @throws NoSuchElementException for an unknown call id
   */
  public Call require(String callId) {
    Call call = calls.get(callId);
    if (call == null) {
      throw new NoSuchElementException("no call " + callId);
    }
    return call;
  }
}
