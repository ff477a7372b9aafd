package com.acme.shop;

import com.acme.shop.account.AccountService;
import com.acme.shop.auth.AuthService;
import com.acme.shop.cart.CartService;
import com.acme.shop.catalog.CatalogService;
import com.acme.shop.catalog.ProductRepository;
import com.acme.shop.checkout.CheckoutService;
import com.acme.shop.customer.CustomerRepository;
import com.acme.shop.order.OrderHistoryService;
import com.acme.shop.order.OrderRepository;
import com.acme.shop.payment.CardLimitGateway;
import com.acme.shop.session.SessionRepository;
import com.acme.shop.web.ShopController;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** {@code java -jar web-shop.jar [--port 8081] [--bind 127.0.0.1] [--data DIR]}. */
public final class ShopApplication implements AutoCloseable {

  /** Every demo card is declined above this amount per order. */
  public static final BigDecimal CARD_LIMIT = new BigDecimal("500.00");

  private final HttpServer server;
  private final ExecutorService threads;

  private ShopApplication(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** The shop with its built-in customers. */
  public static ShopApplication start(String bindAddress, int port) throws IOException {
    return start(bindAddress, port, new CustomerRepository());
  }

  public static ShopApplication start(String bindAddress, int port, CustomerRepository customers)
      throws IOException {
    RequestContext requests = new RequestContext();
    SessionRepository sessions = new SessionRepository();
    ProductRepository products = new ProductRepository();
    OrderRepository orders = new OrderRepository();
    ShopController.Services services =
        new ShopController.Services(
            new CatalogService(products, sessions, requests),
            new AuthService(customers, sessions, requests),
            new CartService(sessions, products, requests),
            new CheckoutService(
                sessions,
                orders,
                new CardLimitGateway(CARD_LIMIT, requests),
                Clock.systemUTC(),
                requests),
            new OrderHistoryService(orders, requests),
            new AccountService(customers, requests));
    ShopController controller = new ShopController(sessions, products, services, requests);
    // Without it the JDK server's small answers wait ~40 ms for a delayed ACK (Nagle's algorithm).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    server.createContext("/", controller);
    server.setExecutor(threads);
    server.start();
    return new ShopApplication(server, threads);
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
    String env = System.getenv("PORT");
    int port = env == null || env.isBlank() ? 8081 : Integer.parseInt(env.trim());
    String bind = "127.0.0.1";
    Path data = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--bind" -> bind = args[i + 1];
        case "--data" -> data = Path.of(args[i + 1]);
        default -> {
          System.err.println("usage: web-shop [--port N] [--bind ADDRESS] [--data DIR]");
          System.exit(2);
        }
      }
    }
    ShopApplication shop =
        start(
            bind,
            port,
            data == null ? new CustomerRepository() : CustomerRepository.fromDirectory(data));
    Runtime.getRuntime().addShutdownHook(new Thread(shop::close));
    System.out.println("web-shop listening on http://" + bind + ":" + shop.port());
  }
}
