package com.acme.callcenter.web;

import com.acme.callcenter.call.Call;
import com.acme.callcenter.call.CallService;
import com.acme.callcenter.callback.Callback;
import com.acme.callcenter.callback.CallbackService;
import com.acme.callcenter.callback.NoPhoneException;
import com.acme.callcenter.directory.DirectoryEntry;
import com.acme.callcenter.directory.DirectoryService;
import com.acme.callcenter.ticket.Ticket;
import com.acme.callcenter.ticket.TicketService;
import com.acme.web.JsonExchange;
import com.acme.web.JsonHandler;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The call center's HTTP endpoints (the switch, the IVR and the agent desk); each delegates to a
 * service.
 */
public class CallCenterController extends JsonHandler {

  private static final Pattern CALL_ACTION = Pattern.compile("/calls/([^/]+)/(ivr|customer|end)");
  private static final Pattern TICKET_RESOLVE = Pattern.compile("/tickets/([^/]+)/resolve");

  /** The call center's services, as the controller calls them. */
  public record Services(
      CallService calls,
      DirectoryService directory,
      TicketService tickets,
      CallbackService callbacks) {}

  private final Services services;

  public CallCenterController(Services services, RequestContext requests) {
    super(requests);
    this.services = services;
  }

  @Override
  protected void route(JsonExchange request) throws IOException {
    String path = request.path();
    Matcher callAction = CALL_ACTION.matcher(path);
    Matcher ticketResolve = TICKET_RESOLVE.matcher(path);
    if (path.equals("/health")) {
      expect(request, "GET");
      request.json(200, Map.of("status", "ok"));
    } else if (path.equals("/calls")) {
      expect(request, "POST");
      request.json(201, CallView.of(services.calls().receive(request.field("from"))));
    } else if (callAction.matches()) {
      expect(request, "POST");
      String callId = callAction.group(1);
      Call call =
          switch (callAction.group(2)) {
            case "ivr" -> services.calls().selectOption(callId, request.field("option"));
            case "customer" ->
                services
                    .calls()
                    .identifyCaller(
                        callId, request.field("phone"), request.field("customerNumber"));
            default -> services.calls().end(callId);
          };
      request.json(200, CallView.of(call));
    } else if (path.equals("/directory")) {
      expect(request, "GET");
      request.json(
          200,
          services.directory().lookup(request.query("phone")).stream().map(EntryView::of).toList());
    } else if (path.equals("/tickets")) {
      expect(request, "POST");
      request.json(
          201,
          TicketView.of(
              services
                  .tickets()
                  .open(
                      request.field("callId"),
                      request.field("customerNumber"),
                      request.field("subject"))));
    } else if (ticketResolve.matches()) {
      expect(request, "POST");
      request.json(200, TicketView.of(services.tickets().resolve(ticketResolve.group(1))));
    } else if (path.equals("/callbacks") && !request.method().equals("POST")) {
      expect(request, "GET", "POST");
      request.json(
          200,
          services.callbacks().dueBy(dueBy(request.optionalQuery("due"))).stream()
              .map(CallbackView::of)
              .toList());
    } else if (path.equals("/callbacks")) {
      expect(request, "POST");
      String customerNumber = request.field("customerNumber");
      String phone = request.optionalField("phone");
      String reason = request.optionalField("reason");
      int inMinutes = request.intField("inMinutes");
      if (phone == null) {
        // Whoever asks (a rule, another system) may know the customer only by number.
        phone = services.callbacks().phoneOf(customerNumber);
      }
      Callback callback = services.callbacks().schedule(customerNumber, phone, inMinutes);
      if (reason != null) {
        callback = services.callbacks().giveReason(callback.id(), reason);
      }
      request.json(201, CallbackView.of(callback));
    } else {
      throw new NoSuchElementException("no such page " + path);
    }
  }

  @Override
  protected int statusOf(RuntimeException e) {
    return e instanceof NoPhoneException ? 422 : super.statusOf(e);
  }

  /**
   * {@code due} of {@code GET /callbacks}: an instant ({@code 2026-03-02T09:30:00Z}), or a duration
   * from now on the desk's clock ({@code PT15M}); null for every open callback.
   */
  private Instant dueBy(String due) {
    if (due == null) {
      return null;
    }
    try {
      return due.startsWith("P") || due.startsWith("-P")
          ? services.callbacks().now().plus(Duration.parse(due))
          : Instant.parse(due);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "due must be an ISO-8601 instant (2026-03-02T09:30:00Z) or duration (PT15M), was '"
              + due
              + "'");
    }
  }

  /** A call as the desk shows it. */
  record CallView(
      String callId,
      String from,
      String ivrOption,
      String identifiedPhone,
      String customerNumber,
      String tier,
      boolean ended,
      long durationSeconds) {
    static CallView of(Call call) {
      return new CallView(
          call.getId(),
          call.getCallerPhone(),
          call.getIvrOption(),
          call.getIdentifiedPhone(),
          call.getCustomerNumber(),
          call.getTier(),
          call.isEnded(),
          call.getDurationSeconds());
    }
  }

  /** A customer the lookup found on a number. */
  record EntryView(String customerNumber, String name, String tier, String phone) {
    static EntryView of(DirectoryEntry entry) {
      return new EntryView(entry.customerNumber(), entry.name(), entry.tier(), entry.phone());
    }
  }

  record TicketView(
      String ticketId,
      String callId,
      String customerNumber,
      String tier,
      String subject,
      boolean resolved) {
    static TicketView of(Ticket ticket) {
      return new TicketView(
          ticket.getId(),
          ticket.getCallId(),
          ticket.getCustomerNumber(),
          ticket.getTier(),
          ticket.getSubject(),
          ticket.isResolved());
    }
  }

  record CallbackView(
      String callbackId, String customerNumber, String phone, String due, String reason) {
    static CallbackView of(Callback callback) {
      return new CallbackView(
          callback.id(),
          callback.customerNumber(),
          callback.phone(),
          callback.due().toString(),
          callback.reason());
    }
  }
}
