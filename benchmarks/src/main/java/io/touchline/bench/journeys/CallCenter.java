package io.touchline.bench.journeys;

import com.acme.simulator.journey.App;
import com.acme.simulator.population.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The call center and its agent (config/agent-call-center.yaml): a call known by the number the
 * switch reports until the desk ties it to a customer number, tickets and callbacks, with the spans
 * that config captures.
 */
final class CallCenter {

  private static final String DESK = "com.acme.callcenter.";

  private long calls = 700_000;
  private long tickets = 30_000;
  private long callbacks = 5_000;

  /** A call in progress: its id, the caller's number as the switch reported it, its start. */
  record Call(String id, String fromPhone, long startNanos) {}

  Call receive(Sitting s, String fromPhone) {
    Call call = new Call("CALL-" + ++calls, fromPhone, s.nowNanos());
    s.request(
        App.CALL_CENTER,
        "POST /calls",
        201,
        List.of(
            s.span(
                "call.received",
                DESK + "call.CallService.receive",
                AgentKeys.of("phone", fromPhone),
                Map.of("call.id", call.id()),
                null)));
    return call;
  }

  void ivr(Sitting s, Call call, String option) {
    s.request(
        App.CALL_CENTER,
        "POST /calls/" + call.id() + "/ivr",
        200,
        List.of(
            s.span(
                "ivr.selected",
                DESK + "call.CallService.selectOption",
                AgentKeys.of("phone", call.fromPhone()),
                Map.of("call.id", call.id(), "ivr.option", option),
                null)));
  }

  /** The desk's directory lookup names no one: a household's phone lists two customers. */
  void lookup(Sitting s, String phone) {
    s.request(
        App.CALL_CENTER,
        "GET /directory?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
        200,
        List.of(
            s.span(
                "customer.lookup",
                DESK + "directory.DirectoryService.lookup",
                AgentKeys.of("phone", phone),
                Map.of(),
                null)));
  }

  /** Both numbers are keys: the caller's, and the one typed (now and then the desk's own). */
  void identify(Sitting s, Call call, String typedPhone, Person customer) {
    s.request(
        App.CALL_CENTER,
        "POST /calls/" + call.id() + "/customer",
        200,
        List.of(
            s.span(
                "caller.identified",
                DESK + "call.CallService.identifyCaller",
                AgentKeys.of("phone", call.fromPhone(), typedPhone)
                    .and("customer_id", customer.customerNumber()),
                Map.of("call.id", call.id(), "customer.tier", customer.tier()),
                null)));
  }

  String openTicket(Sitting s, Call call, Person customer, String subject) {
    String ticketId = "T-" + ++tickets;
    s.request(
        App.CALL_CENTER,
        "POST /tickets",
        201,
        List.of(
            s.span(
                "ticket.opened",
                DESK + "ticket.TicketService.open",
                AgentKeys.of("customer_id", customer.customerNumber()),
                Map.of(
                    "call.id",
                    call.id(),
                    "ticket.id",
                    ticketId,
                    "ticket.subject",
                    subject,
                    "customer.tier",
                    customer.tier()),
                null)));
    return ticketId;
  }

  void resolveTicket(Sitting s, String ticketId, Person customer) {
    s.request(
        App.CALL_CENTER,
        "POST /tickets/" + ticketId + "/resolve",
        200,
        List.of(
            s.span(
                "ticket.resolved",
                DESK + "ticket.TicketService.resolve",
                AgentKeys.of("customer_id", customer.customerNumber()),
                Map.of("ticket.id", ticketId),
                null)));
  }

  void scheduleCallback(Sitting s, Person customer, int inMinutes) {
    s.request(
        App.CALL_CENTER,
        "POST /callbacks",
        201,
        List.of(
            s.span(
                "callback.scheduled",
                DESK + "callback.CallbackService.schedule",
                AgentKeys.of("customer_id", customer.customerNumber())
                    .and("phone", customer.phone()),
                Map.of("callback.id", "CB-" + ++callbacks, "callback.in_minutes", (long) inMinutes),
                null)));
  }

  /** The caller hangs up: the call's length in whole seconds, as the desk's clock measured it. */
  void hangUp(Sitting s, Call call) {
    long seconds = TimeUnit.NANOSECONDS.toSeconds(s.nowNanos() - call.startNanos());
    s.request(
        App.CALL_CENTER,
        "POST /calls/" + call.id() + "/end",
        200,
        List.of(
            s.span(
                "call.ended",
                DESK + "call.CallService.end",
                AgentKeys.of("phone", call.fromPhone()),
                Map.of("call.id", call.id(), "call.seconds", seconds),
                null)));
  }
}
