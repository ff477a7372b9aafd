package com.acme.mobile;

import com.acme.mobile.device.AccountRepository;
import com.acme.mobile.device.DeviceService;
import com.acme.mobile.order.ReorderService;
import com.acme.mobile.push.PushService;
import com.acme.mobile.web.MobileController;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code java -jar mobile-backend.jar [--port 8083] [--bind 127.0.0.1] [--data DIR]}. */
public final class MobileApplication implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads;

  private MobileApplication(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static MobileApplication start(String bindAddress, int port, AccountRepository accounts) throws IOException {
    RequestContext requests = new RequestContext();
    DeviceService devices = new DeviceService(accounts, requests);
    MobileController controller =
        new MobileController(
            new MobileController.Services(devices, new PushService(devices, requests), new ReorderService(devices, requests)), requests);
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    server.createContext("/", controller);
    server.setExecutor(threads);
    server.start();
    return new MobileApplication(server, threads);
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
    int port = 8083;
    String bind = "127.0.0.1";
    Path data = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (value == null ? "" : args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--bind" -> bind = value;
        case "--data" -> data = Path.of(value);
        default -> {
          System.err.println("usage: mobile-backend [--port N] [--bind ADDRESS] [--data DIR]");
          System.exit(2);
        }
      }
    }
    MobileApplication app = start(bind, port, data == null ? AccountRepository.builtIn() : AccountRepository.fromDirectory(data));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("mobile-backend listening on http://" + bind + ":" + app.port());
  }
}
