package com.acme.callcenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.callcenter.call.Call;
import com.acme.callcenter.call.CallService;
import com.acme.callcenter.callback.Callback;
import com.acme.callcenter.callback.CallbackService;
import com.acme.callcenter.callback.NoPhoneException;
import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryEntry;
import com.acme.callcenter.directory.DirectoryService;
import com.acme.callcenter.ticket.Ticket;
import com.acme.callcenter.ticket.TicketService;
import com.acme.web.RequestContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The service methods config/agent-call-center.yaml names as touchpoints: what they take and return
 * is what the agent reads (phone, customer number, tier, ticket subject, IVR option, seconds), so
 * these are the desk's side of that config.
 */
class TouchpointServicesTest {

  private final RequestContext requests = new RequestContext();
  private final Directory directory = Directory.builtIn();
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
  private final CallService calls = new CallService(directory, clock, requests);
  private final DirectoryService lookups = new DirectoryService(directory, requests);
  private final TicketService tickets = new TicketService(calls, directory, requests);
  private final CallbackService callbacks = new CallbackService(directory, clock, requests);

  @Test
  void everyTouchpointServiceKeepsTheRequestContextAsTheAgentReadsIt() throws Exception {
    for (Object service : new Object[] {calls, lookups, tickets, callbacks}) {
      Field field = service.getClass().getDeclaredField("requests");
      assertThat(field.getType()).as(service.getClass().getName()).isEqualTo(RequestContext.class);
      assertThat(Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
          .isTrue();
      field.setAccessible(true);
      assertThat(field.get(service)).isSameAs(requests);
    }
  }

  @Test
  void aCallKeepsTheCallersPhoneAsTheSwitchReportedIt() {
    Call call = calls.receive("+44 20 7946 0101");
    assertThat(call.getId()).startsWith("CALL-");
    assertThat(call.getCallerPhone()).isEqualTo("+44 20 7946 0101");
    assertThat(calls.selectOption(call.getId(), "orders").getIvrOption()).isEqualTo("orders");
  }

  @Test
  void theLookupComparesDigitsAndListsAHouseholdsBothCustomers() {
    assertThat(lookups.lookup("+442079460105"))
        .extracting(DirectoryEntry::customerNumber)
        .containsExactlyInAnyOrder("C-1005", "C-1006");
    assertThat(lookups.lookup("+44 20 7946 0101"))
        .extracting(DirectoryEntry::tier)
        .containsExactly("gold");
    assertThat(lookups.lookup(CallCenterApplication.OWN_NUMBER)).isEmpty();
  }

  @Test
  void identifyingTheCallerKeepsTheTypedPhoneAndGivesTheCustomersTier() {
    Call call = calls.receive("+44 20 7946 0105");
    Call identified =
        calls.identifyCaller(call.getId(), CallCenterApplication.OWN_NUMBER, "C-1005");
    assertThat(identified.getIdentifiedPhone()).isEqualTo(CallCenterApplication.OWN_NUMBER);
    assertThat(identified.getCallerPhone()).isEqualTo("+44 20 7946 0105");
    assertThat(identified.getCustomerNumber()).isEqualTo("C-1005");
    assertThat(identified.getTier()).isEqualTo("silver");
    assertThatThrownBy(() -> calls.identifyCaller(call.getId(), "1", "C-9"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aTicketBelongsToACustomerAndACallAndKeepsItsSubjectAndTier() {
    Call call = calls.receive("+44 20 7946 0107");
    Ticket ticket = tickets.open(call.getId(), "C-1007", "parcel lost");
    assertThat(ticket.getId()).startsWith("T-");
    assertThat(ticket.getCallId()).isEqualTo(call.getId());
    assertThat(ticket.getCustomerNumber()).isEqualTo("C-1007");
    assertThat(ticket.getTier()).isEqualTo("gold");
    assertThat(ticket.getSubject()).isEqualTo("parcel lost");
    Ticket resolved = tickets.resolve(ticket.getId());
    assertThat(resolved.isResolved()).isTrue();
    assertThat(resolved.getCustomerNumber()).isEqualTo("C-1007");
  }

  @Test
  void aCallbackNamesTheCustomerAndTheNumberToCall() {
    Callback callback = callbacks.schedule("C-1003", "+44 20 7946 0103", 45);
    assertThat(callback.id()).startsWith("CB-");
    assertThat(callback.customerNumber()).isEqualTo("C-1003");
    assertThat(callback.phone()).isEqualTo("+44 20 7946 0103");
    assertThat(callback.due()).isEqualTo(clock.instant().plusSeconds(45 * 60));
  }

  @Test
  void aCallbackAskedForByCustomerNumberIsScheduledOnTheDirectorysPhone() {
    String phone = callbacks.phoneOf("C-1002");
    assertThat(phone).isEqualTo("+44 20 7946 0102");
    Callback callback = callbacks.schedule("C-1002", phone, 15);
    assertThat(callback.phone())
        .as("the agent reads the looked-up phone as the schedule's argument")
        .isEqualTo("+44 20 7946 0102");
    assertThat(callbacks.giveReason(callback.id(), "payment declined").reason())
        .isEqualTo("payment declined");
    assertThat(callbacks.dueBy(clock.instant().plusSeconds(15 * 60)))
        .extracting(Callback::id, Callback::reason)
        .containsExactly(tuple(callback.id(), "payment declined"));
    assertThat(callbacks.dueBy(clock.instant())).isEmpty();
    assertThatThrownBy(() -> callbacks.phoneOf("C-9"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no customer C-9");
    assertThatThrownBy(
            () ->
                new CallbackService(
                        new Directory(List.of(new DirectoryEntry("", "C-7", "No Phone", "basic"))),
                        clock,
                        requests)
                    .phoneOf("C-7"))
        .isInstanceOf(NoPhoneException.class)
        .hasMessage("customer C-7 has no phone in the directory");
  }
}
