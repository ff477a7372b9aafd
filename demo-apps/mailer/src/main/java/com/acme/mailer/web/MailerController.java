package com.acme.mailer.web;

import com.acme.mailer.campaign.CampaignService;
import com.acme.mailer.campaign.Message;
import com.acme.mailer.tracking.TrackingService;
import com.acme.web.JsonExchange;
import com.acme.web.JsonHandler;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mailer's endpoints: sending, and the open pixel and click redirect that track each mail. */
public class MailerController extends JsonHandler {

  private static final Pattern SEND = Pattern.compile("/campaigns/([^/]+)/send");
  private static final Pattern OPEN = Pattern.compile("/t/o/([^/]+)");
  private static final Pattern CLICK = Pattern.compile("/t/c/([^/]+)");

  /** The classic transparent 1×1 GIF (43 bytes). */
  static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

  /** The mailer's services, as the controller calls them. */
  public record Services(CampaignService campaigns, TrackingService tracking) {}

  private final Services services;
  private final String shopUrl;

  public MailerController(Services services, RequestContext requests, String shopUrl) {
    super(requests);
    this.services = services;
    this.shopUrl = shopUrl;
  }

  @Override
  protected void route(JsonExchange request) throws IOException {
    String path = request.path();
    Matcher send = SEND.matcher(path);
    Matcher open = OPEN.matcher(path);
    Matcher click = CLICK.matcher(path);
    if (path.equals("/health")) {
      expect(request, "GET");
      request.json(200, Map.of("status", "ok"));
    } else if (send.matches()) {
      expect(request, "POST");
      Message message =
          services
              .campaigns()
              .send(send.group(1), request.field("customerNumber"), request.optionalField("email"));
      MailView view = MailView.of(message, request.baseUrl());
      request.json(
          201,
          Map.of(
              "messageId",
              message.messageId(),
              "email",
              message.email(),
              "openUrl",
              view.openUrl(),
              "clickUrl",
              view.clickUrl()));
    } else if (path.equals("/inbox")) {
      expect(request, "GET");
      String email = request.query("email");
      String base = request.baseUrl();
      request.json(
          200, services.campaigns().sentTo(email).stream().map(m -> MailView.of(m, base)).toList());
    } else if (open.matches()) {
      expect(request, "GET");
      services.tracking().recordOpen(open.group(1));
      request.bytes(200, "image/gif", PIXEL);
    } else if (click.matches()) {
      expect(request, "GET");
      Message message = services.tracking().recordClick(click.group(1));
      request.redirect(
          shopUrl
              + "/?utm_source=email&utm_campaign="
              + URLEncoder.encode(message.campaign(), StandardCharsets.UTF_8));
    } else {
      throw new NoSuchElementException("no such page " + path);
    }
  }

  /** A sent mail as the recipient's mailbox shows it, with the tracked links its body carries. */
  record MailView(
      String messageId,
      String campaign,
      String subject,
      String sentAt,
      String openUrl,
      String clickUrl) {
    static MailView of(Message message, String base) {
      return new MailView(
          message.messageId(),
          message.campaign(),
          message.subject(),
          message.sentAt().toString(),
          base + "/t/o/" + message.token(),
          base + "/t/c/" + message.token());
    }
  }
}
