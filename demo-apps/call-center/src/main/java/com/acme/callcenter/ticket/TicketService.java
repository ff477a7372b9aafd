package com.acme.callcenter.ticket;

import com.acme.callcenter.call.CallService;
import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryEntry;
import com.acme.web.RequestContext;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Tickets: opened on a call for a customer, resolved by the back office. */
public class TicketService {

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(30_000);
  private final CallService calls;
  private final Directory directory;
  private final RequestContext requests;

  public TicketService(CallService calls, Directory directory, RequestContext requests) {
    this.calls = calls;
    this.directory = directory;
    this.requests = requests;
  }

  /**
   * Opens a ticket for a customer on a call.
   *
   * @throws NoSuchElementException for an unknown call or customer
   */
  public Ticket open(String callId, String customerNumber, String subject) {
    calls.require(callId);
    DirectoryEntry customer = directory.require(customerNumber);
    Ticket ticket =
        new Ticket(
            "T-" + sequence.incrementAndGet(),
            callId,
            customer.customerNumber(),
            customer.tier(),
            subject);
    tickets.put(ticket.getId(), ticket);
    return ticket;
  }

  /**
   * @throws NoSuchElementException for an unknown ticket id
   */
  public Ticket resolve(String ticketId) {
    Ticket ticket = tickets.get(ticketId);
    if (ticket == null) {
      throw new NoSuchElementException("no ticket " + ticketId);
    }
    ticket.resolve();
    return ticket;
  }
}
