package com.acme.callcenter.call;

import com.acme.web.RequestContext;
import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryEntry;
import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Inbound calls: the switch answers, the IVR routes, an agent identifies the caller, the caller hangs up. */
public class CallService {

  static final Set<String> IVR_OPTIONS = Set.of("orders", "billing", "agent");

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

  public Call receive(String fromPhone) {
    Call call = new Call("CALL-" + sequence.incrementAndGet(), fromPhone, clock.instant());
    calls.put(call.getId(), call);
    return call;
  }

  public Call selectOption(String callId, String option) {
    if (!IVR_OPTIONS.contains(option)) {
      throw new IllegalArgumentException("option must be one of " + IVR_OPTIONS + ", was '" + option + "'");
    }
    Call call = require(callId);
    call.setIvrOption(option);
    return call;
  }

  /**
   * The agent ties the call to a customer, entering the phone number as they heard or read it:
   * the desk stores what was typed, right or wrong.
   */
  public Call identifyCaller(String callId, String typedPhone, String customerNumber) {
    DirectoryEntry customer =
        directory.findByCustomerNumber(customerNumber).orElseThrow(() -> new NoSuchElementException("no customer " + customerNumber));
    Call call = require(callId);
    call.identify(customer.customerNumber(), customer.tier());
    return call;
  }

  public Call end(String callId) {
    Call call = require(callId);
    call.end(clock.instant());
    return call;
  }

  public Call require(String callId) {
    Call call = calls.get(callId);
    if (call == null) {
      throw new NoSuchElementException("no call " + callId);
    }
    return call;
  }
}
