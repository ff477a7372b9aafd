package com.acme.simulator.journey;

import com.acme.simulator.population.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Requests of a phone call: the switch, the IVR and the agent desk, with their touchpoints. */
final class CallCenterRequests {

  private CallCenterRequests() {}

  static Action call(Person caller, String fromPhone) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/calls",
        m -> Answers.json("from", fromPhone),
        false,
        201,
        List.of("call.received"),
        Answers.keep("callId", "callId"));
  }

  static Action ivr(Person caller, String option) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/calls/" + m.get("callId") + "/ivr",
        m -> Answers.json("option", option),
        false,
        200,
        List.of("ivr.selected"),
        Answers.NOTHING);
  }

  static Action lookup(Person caller, String phone) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "GET",
        m -> "/directory?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
        null,
        false,
        200,
        List.of("customer.lookup"),
        Answers.NOTHING);
  }

  /** The agent ties the call to the caller, typing {@code typedPhone} (right or not). */
  static Action identify(Person caller, String typedPhone) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/calls/" + m.get("callId") + "/customer",
        m -> Answers.json("phone", typedPhone, "customerNumber", caller.customerNumber()),
        false,
        200,
        List.of("caller.identified"),
        Answers.NOTHING);
  }

  static Action openTicket(Person caller, String subject) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/tickets",
        m ->
            Answers.json(
                "callId",
                m.get("callId"),
                "customerNumber",
                caller.customerNumber(),
                "subject",
                subject),
        false,
        201,
        List.of("ticket.opened"),
        Answers.keep("ticketId", "ticketId"));
  }

  static Action resolveTicket(Person caller) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/tickets/" + m.get("ticketId") + "/resolve",
        null,
        false,
        200,
        List.of("ticket.resolved"),
        Answers.NOTHING);
  }

  static Action scheduleCallback(Person caller, int inMinutes) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/callbacks",
        m ->
            "{\"customerNumber\":\""
                + caller.customerNumber()
                + "\",\"phone\":\""
                + caller.phone()
                + "\",\"inMinutes\":"
                + inMinutes
                + "}",
        false,
        201,
        List.of("callback.scheduled"),
        Answers.NOTHING);
  }

  static Action hangUp(Person caller) {
    return new Action(
        caller,
        App.CALL_CENTER,
        "POST",
        m -> "/calls/" + m.get("callId") + "/end",
        null,
        false,
        200,
        List.of("call.ended"),
        Answers.NOTHING);
  }
}
