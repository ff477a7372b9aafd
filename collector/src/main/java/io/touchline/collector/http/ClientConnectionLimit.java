package io.touchline.collector.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;

/**
 * How many connections one client (one IP address) may hold open on a port. A connection beyond
 * that is answered {@code 429} with {@code Connection: close} for its request, rather than cut
 * unanswered, so the client knows why. Off unless configured: every agent of a demo, and a load
 * balancer in front of a cluster, comes from one address.
 */
final class ClientConnectionLimit implements Connection.Listener {

  private final int perClient;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  /** Each open connection's client, as it was when it opened: a closed one may not say any more. */
  private final Map<Connection, String> clients = new ConcurrentHashMap<>();

  private final Set<Connection> over = ConcurrentHashMap.newKeySet();

  ClientConnectionLimit(int perClient) {
    this.perClient = perClient;
  }

  int perClient() {
    return perClient;
  }

  @Override
  public void onOpened(Connection connection) {
    if (!(connection instanceof ConnectionMetaData)) {
      return; // the TLS layer under an HTTP connection: that one counts
    }
    String client = client(connection);
    clients.put(connection, client);
    int count = open.merge(client, 1, Integer::sum);
    if (count > perClient) {
      over.add(connection);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    String client = clients.remove(connection);
    if (client == null) {
      return;
    }
    over.remove(connection);
    open.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
  }

  /** Whether this connection is one too many for its client. */
  boolean isOver(Connection connection) {
    return over.contains(connection);
  }

  private static String client(Connection connection) {
    SocketAddress address = connection.getEndPoint().getRemoteSocketAddress();
    return address instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : String.valueOf(address);
  }
}
