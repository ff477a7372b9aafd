package com.acme.mobile;

import com.acme.mobile.device.AccountRepository;
import com.acme.mobile.device.DeviceService;
import com.acme.mobile.order.ReorderService;
import com.acme.mobile.push.PushService;
import com.acme.mobile.web.MobileController;
import com.acme.web.AppServer;
import com.acme.web.RequestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** {@code java -jar mobile-backend.jar [--port 8083] [--bind 127.0.0.1] [--data DIR]}. */
public final class MobileApplication implements AutoCloseable {

  private final AppServer server;

  private MobileApplication(AppServer server) {
    this.server = server;
  }

  public static MobileApplication start(String bindAddress, int port, AccountRepository accounts)
      throws IOException {
    RequestContext requests = new RequestContext();
    DeviceService devices = new DeviceService(accounts, requests);
    MobileController controller =
        new MobileController(
            new MobileController.Services(
                devices, new PushService(devices, requests), new ReorderService(devices, requests)),
            requests);
    return new MobileApplication(AppServer.start(bindAddress, port, controller));
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
      options = AppServer.Options.parse(args, 8083, Set.of());
    } catch (IllegalArgumentException e) {
      System.err.println(
          e.getMessage() + "\nusage: mobile-backend [--port N] [--bind ADDRESS] [--data DIR]");
      System.exit(2);
      return;
    }
    String bind = options.bind();
    Path data = options.data();
    MobileApplication app =
        start(
            bind,
            options.port(),
            data == null ? AccountRepository.builtIn() : AccountRepository.fromDirectory(data));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    System.out.println("mobile-backend listening on http://" + bind + ":" + app.port());
  }
}
