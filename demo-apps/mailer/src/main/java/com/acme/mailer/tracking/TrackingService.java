package com.acme.mailer.tracking;

import com.acme.mailer.campaign.CampaignService;
import com.acme.mailer.campaign.Message;
import com.acme.web.RequestContext;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/** Opens (the pixel loaded) and clicks (the tracked link followed) of sent messages. */
public class TrackingService {

  private final AtomicLong opens = new AtomicLong();
  private final AtomicLong clicks = new AtomicLong();
  private final CampaignService campaigns;
  private final RequestContext requests;

  public TrackingService(CampaignService campaigns, RequestContext requests) {
    this.campaigns = campaigns;
    this.requests = requests;
  }

  public Message recordOpen(String token) {
    Message message = require(token);
    opens.incrementAndGet();
    return message;
  }

  public Message recordClick(String token) {
    Message message = require(token);
    clicks.incrementAndGet();
    return message;
  }

  private Message require(String token) {
    return campaigns
        .byToken(token)
        .orElseThrow(() -> new NoSuchElementException("unknown tracking token"));
  }
}
