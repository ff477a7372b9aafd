package io.touchline.collector.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens and customer data must not cross a network in clear. Beyond loopback the config
 * requires tokens; without TLS they, and every span and profile, would be readable on the way: the
 * collector says so at start, naming the ports and the two ways out.
 */
public final class ClearTextWarning {

  private ClearTextWarning() {}

  /**
   * The warning, or empty when the ports are on loopback or speak TLS.
   *
   * @param ports each port as the warning names it, e.g. {@code 4318 (OTLP/HTTP)}
   */
  public static Optional<String> of(String bindAddress, boolean tls, List<String> ports) {
    if (tls || loopback(bindAddress)) {
      return Optional.empty();
    }
    return Optional.of(
        "bindAddress "
            + bindAddress
            + " is reachable beyond this machine and tls is not set: bearer tokens and customer"
            + " data travel in clear on ports "
            + namesOf(ports)
            + ". Set tls.certificate and tls.privateKey in collector.yaml, or keep these ports on"
            + " a private network behind a TLS-terminating proxy (docs/security.md).");
  }

  private static boolean loopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the config refuses such an address; if it got here, warn rather than not
    }
  }

  private static String namesOf(List<String> ports) {
    if (ports.size() < 2) {
      return String.join("", ports);
    }
    return String.join(", ", ports.subList(0, ports.size() - 1))
        + " and "
        + ports.get(ports.size() - 1);
  }
}
