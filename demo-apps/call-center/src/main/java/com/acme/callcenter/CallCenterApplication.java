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
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;

/** {@code java -jar call-center.jar [--port 8082] [--bind 127.0.0.1] [--data DIR]}. */
public final class CallCenterApplication implements AutoCloseable {

  /** The call center's own number: agents sometimes type it instead of the caller's. */
  public static final String OWN_NUMBER = "+44 20 7946 0000";

  public static final int DEFAULT_PORT = 8082;

  private final AppServer server;

  private CallCenterApplication(AppServer server) {
    this.server = server;
  }

  /** Serves {@code directory}, timing calls on the system clock. */
  public static CallCenterApplication start(String bindAddress, int port, Directory directory)
      throws IOException {
    return start(bindAddress, port, directory, Clock.systemUTC());
  }

  /** Serves {@code directory}, timing calls on {@code clock}. */
  public static CallCenterApplication start(
      String bindAddress, int port, Directory directory, Clock clock) throws IOException {
    RequestContext requests = new RequestContext();
    CallService calls = new CallService(directory, clock, requests);
    CallCenterController controller =
        new CallCenterController(
            new CallCenterController.Services(
                calls,
                new DirectoryService(directory, requests),
                new TicketService(calls, directory, requests),
                new CallbackService(directory, clock, requests)),
            requests);
    return new CallCenterApplication(AppServer.start(bindAddress, port, controller));
  }

  /**
   * Serves what the command line asks for: {@code call-center-directory.csv} from {@code --data},
   * else the built-in directory.
   */
  public static CallCenterApplication start(AppServer.Options options, Clock clock)
      throws IOException {
    Directory directory =
        options.data() == null ? Directory.builtIn() : Directory.fromDirectory(options.data());
    return start(options.bind(), options.port(), directory, clock);
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
      options = AppServer.Options.parse(args, DEFAULT_PORT, Set.of());
    } catch (IllegalArgumentException e) {
      System.err.println(
          e.getMessage() + "\nusage: call-center [--port N] [--bind ADDRESS] [--data DIR]");
      System.exit(2);
      return;
    }
    CallCenterApplication app;
    try {
      app = start(options, Clock.systemUTC());
    } catch (UncheckedIOException | IllegalArgumentException e) {
      // A missing or malformed directory file: say which, without a stack trace.
      System.err.println("call-center: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("call-center listening on http://" + options.bind() + ":" + app.port());
  }
}
