package com.acme.mailer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.mailer.campaign.CampaignService;
import com.acme.mailer.campaign.Message;
import com.acme.mailer.campaign.RecipientRepository;
import com.acme.mailer.tracking.TrackingService;
import com.acme.mailer.tracking.TrackingTokens;
import com.acme.web.RequestContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * The service methods config/agent-mailer.yaml names as touchpoints: an open or a click arrives as
 * a token alone, and the method returns the message, which is where the agent finds the recipient.
 */
class TouchpointServicesTest {

  private final RequestContext requests = new RequestContext();
  private final CampaignService campaigns =
      new CampaignService(RecipientRepository.builtIn(), new TrackingTokens("test-key"), requests);
  private final TrackingService tracking = new TrackingService(campaigns, requests);

  @Test
  void everyTouchpointServiceKeepsTheRequestContextAsTheAgentReadsIt() throws Exception {
    for (Object service : new Object[] {campaigns, tracking}) {
      Field field = service.getClass().getDeclaredField("requests");
      assertThat(field.getType()).as(service.getClass().getName()).isEqualTo(RequestContext.class);
      assertThat(Modifier.isPrivate(field.getModifiers()) && Modifier.isFinal(field.getModifiers()))
          .isTrue();
      field.setAccessible(true);
      assertThat(field.get(service)).isSameAs(requests);
    }
  }

  @Test
  void aSendReturnsTheMessageWithItsRecipient() {
    Message message = campaigns.send("cart-reminder", "C-1004", null);
    assertThat(message.campaign()).isEqualTo("cart-reminder");
    assertThat(message.customerNumber()).isEqualTo("C-1004");
    assertThat(message.email()).isEqualTo("david.nowak@example.com");
    assertThat(message.messageId()).startsWith("MSG-");
  }

  @Test
  void anOpenAndAClickReturnTheMessageOfTheirToken() {
    Message sent = campaigns.send("newsletter", "C-1004", "d.nowak@old.example");
    for (Message tracked :
        new Message[] {tracking.recordOpen(sent.token()), tracking.recordClick(sent.token())}) {
      assertThat(tracked.email()).isEqualTo("d.nowak@old.example");
      assertThat(tracked.customerNumber()).isEqualTo("C-1004");
      assertThat(tracked.campaign()).isEqualTo("newsletter");
      assertThat(tracked.messageId()).isEqualTo(sent.messageId());
    }
  }

  @Test
  void anUnknownTokenIsNoMessage() {
    assertThatThrownBy(() -> tracking.recordOpen("forged"))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> tracking.recordClick("forged"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void whatASendReturnsIsWhatTheRecipientsMailboxLists() {
    Message first = campaigns.send("cart-reminder", "C-1004", null);
    Message second = campaigns.send("newsletter", "C-1004", " David.Nowak@example.com ");
    campaigns.send("newsletter", "C-1003", null);
    assertThat(campaigns.sentTo("david.nowak@example.com")).containsExactly(second, first);
    assertThat(first.subject()).isEqualTo("You left something in your cart");
    assertThat(first.sentAt()).isNotNull();
    assertThat(campaigns.sentTo("nobody@example.com")).isEmpty();
  }
}
