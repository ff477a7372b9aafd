package com.acme.callcenter;

import com.acme.callcenter.call.CallService;
import com.acme.callcenter.callback.CallbackService;
import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryService;
import com.acme.callcenter.ticket.TicketService;
import com.acme.callcenter.web.CallCenterController;
import com.acme.web.AppServer;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.time.Clock;

/** {@code java -jar call-center.jar [--port 8082] [--bind 127.0.0.1] [--data DIR]}. */
public final class CallCenterApplication implements AutoCloseable {

  /** The call center's own number: agents sometimes type it instead of the caller's. */
  public static final String OWN_NUMBER = "+44 20 7946 0000";

  private final AppServer server;

  private CallCenterApplication(AppServer server) {
    this.server = server;
  }

  public static CallCenterApplication start(String bindAddress, int port, Directory directory) throws IOException {
    RequestContext requests = new RequestContext();
    Clock clock = Clock.systemUTC();
    CallService calls = new CallService(directory, clock, requests);
    CallCenterController controller =
        new CallCenterController(
            new CallCenterController.Services(
                calls,
                new DirectoryService(directory, requests),
                new TicketService(calls, directory, requests),
                new CallbackService(clock, requests)),
            requests);
    return new CallCenterApplication(AppServer.start(bindAddress, port, controller));
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
      options = AppServer.Options.parse(args, 8082, Set.of());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\nusage: call-center [--port N] [--bind ADDRESS] [--data DIR]");
      System.exit(2);
      return;
    }
    String bind = options.bind();
    Path data = options.data();
    CallCenterApplication app = start(bind, options.port(), data == null ? Directory.builtIn() : Directory.fromDirectory(data));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("call-center listening on http://" + bind + ":" + app.port());
  }
}
