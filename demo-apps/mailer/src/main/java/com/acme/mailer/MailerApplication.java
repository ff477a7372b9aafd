package com.acme.mailer;

import com.acme.mailer.campaign.CampaignService;
import com.acme.mailer.campaign.RecipientRepository;
import com.acme.mailer.tracking.TrackingService;
import com.acme.mailer.tracking.TrackingTokens;
import com.acme.mailer.web.MailerController;
import com.acme.web.AppServer;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** {@code java -jar mailer.jar [--port 8084] [--bind 127.0.0.1] [--data DIR] [--shop URL]}. */
public final class MailerApplication implements AutoCloseable {

  private final AppServer server;

  private MailerApplication(AppServer server) {
    this.server = server;
  }

  /** Where tracked clicks lead unless {@code --shop} says otherwise. */
  public static final String DEFAULT_SHOP = "http://127.0.0.1:8081";

  /** Signs tracking tokens; a real mailer would read it from its vault. */
  private static final String TOKEN_KEY = "acme-mailer-tracking";

  public static MailerApplication start(
      String bindAddress, int port, RecipientRepository recipients, String shopUrl)
      throws IOException {
    return start(bindAddress, port, recipients, shopUrl, Clock.systemUTC());
  }

  /** Dates sent mails on {@code clock}. */
  public static MailerApplication start(
      String bindAddress, int port, RecipientRepository recipients, String shopUrl, Clock clock)
      throws IOException {
    RequestContext requests = new RequestContext();
    CampaignService campaigns =
        new CampaignService(recipients, new TrackingTokens(TOKEN_KEY), clock, requests);
    MailerController controller =
        new MailerController(
            new MailerController.Services(campaigns, new TrackingService(campaigns, requests)),
            requests,
            shopUrl.replaceAll("/+$", ""));
    return new MailerApplication(AppServer.start(bindAddress, port, controller));
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  public static void main(String[] args) throws IOException {
    AppServer.Options options;
    try {
      options = AppServer.Options.parse(args, 8084, Set.of("--shop"));
    } catch (IllegalArgumentException e) {
      System.err.println(
          e.getMessage() + "\nusage: mailer [--port N] [--bind ADDRESS] [--data DIR] [--shop URL]");
      System.exit(2);
      return;
    }
    String bind = options.bind();
    Path data = options.data();
    RecipientRepository recipients =
        data == null ? RecipientRepository.builtIn() : RecipientRepository.fromDirectory(data);
    MailerApplication app =
        start(
            bind, options.port(), recipients, options.extra().getOrDefault("--shop", DEFAULT_SHOP));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("mailer listening on http://" + bind + ":" + app.port());
  }
}
