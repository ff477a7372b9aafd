package com.acme.mailer;

import com.acme.mailer.campaign.CampaignService;
import com.acme.mailer.campaign.RecipientRepository;
import com.acme.mailer.tracking.TrackingService;
import com.acme.mailer.tracking.TrackingTokens;
import com.acme.mailer.web.MailerController;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code java -jar mailer.jar [--port 8084] [--bind 127.0.0.1] [--data DIR] [--shop URL]}. */
public final class MailerApplication implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads;

  private MailerApplication(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Where tracked clicks lead unless {@code --shop} says otherwise. */
  public static final String DEFAULT_SHOP = "http://127.0.0.1:8081";

  /** Signs tracking tokens; a real mailer would read it from its vault. */
  private static final String TOKEN_KEY = "acme-mailer-tracking";

  public static MailerApplication start(String bindAddress, int port, RecipientRepository recipients, String shopUrl)
      throws IOException {
    RequestContext requests = new RequestContext();
    CampaignService campaigns = new CampaignService(recipients, new TrackingTokens(TOKEN_KEY), requests);
    MailerController controller =
        new MailerController(
            new MailerController.Services(campaigns, new TrackingService(campaigns, requests)), requests, shopUrl.replaceAll("/+$", ""));
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    server.createContext("/", controller);
    server.setExecutor(threads);
    server.start();
    return new MailerApplication(server, threads);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
  }

  public static void main(String[] args) throws IOException {
    int port = 8084;
    String bind = "127.0.0.1";
    Path data = null;
    String shop = DEFAULT_SHOP;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (value == null ? "" : args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--bind" -> bind = value;
        case "--data" -> data = Path.of(value);
        case "--shop" -> shop = value;
        default -> {
          System.err.println("usage: mailer [--port N] [--bind ADDRESS] [--data DIR] [--shop URL]");
          System.exit(2);
        }
      }
    }
    MailerApplication app = start(bind, port, data == null ? RecipientRepository.builtIn() : RecipientRepository.fromDirectory(data), shop);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("mailer listening on http://" + bind + ":" + app.port());
  }
}
