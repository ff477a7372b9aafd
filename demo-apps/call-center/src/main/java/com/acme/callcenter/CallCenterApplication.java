package com.acme.callcenter;

import com.acme.callcenter.call.CallService;
import com.acme.callcenter.callback.CallbackService;
import com.acme.callcenter.directory.Directory;
import com.acme.callcenter.directory.DirectoryService;
import com.acme.callcenter.ticket.TicketService;
import com.acme.callcenter.web.CallCenterController;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code java -jar call-center.jar [--port 8082] [--bind 127.0.0.1] [--data DIR]}. */
public final class CallCenterApplication implements AutoCloseable {

  /** The call center's own number: agents sometimes type it instead of the caller's. */
  public static final String OWN_NUMBER = "+44 20 7946 0000";

  private final HttpServer server;
  private final ExecutorService threads;

  private CallCenterApplication(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
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
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    server.createContext("/", controller);
    server.setExecutor(threads);
    server.start();
    return new CallCenterApplication(server, threads);
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
    int port = 8082;
    String bind = "127.0.0.1";
    Path data = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (value == null ? "" : args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--bind" -> bind = value;
        case "--data" -> data = Path.of(value);
        default -> {
          System.err.println("usage: call-center [--port N] [--bind ADDRESS] [--data DIR]");
          System.exit(2);
        }
      }
    }
    CallCenterApplication app = start(bind, port, data == null ? Directory.builtIn() : Directory.fromDirectory(data));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("call-center listening on http://" + bind + ":" + app.port());
  }
}
