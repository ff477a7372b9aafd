package io.touchline.collector.tls;

import io.touchline.collector.config.PemCredentials;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One certificate chain and key for every port: an {@link SSLContext} for the JDK's HTTPS servers
 * (OTLP/HTTP, the API) and a {@link KeyManagerFactory} for gRPC's Netty server, both limited to
 * {@link #PROTOCOLS}.
 */
public final class ServerTls {

  /** TLS 1.3 and 1.2; the versions before are deprecated (RFC 8996) and refused. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** A certificate that expires sooner than this is said at start. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private final PemCredentials credentials;
  private final KeyManagerFactory keyManagers;
  private final SSLContext context;

  private ServerTls(PemCredentials credentials, KeyManagerFactory keyManagers, SSLContext context) {
    this.credentials = credentials;
    this.keyManagers = keyManagers;
    this.context = context;
  }

  /** The key managers and context of {@code credentials}, kept in memory only. */
  public static ServerTls of(PemCredentials credentials) throws GeneralSecurityException {
    // The key store exists only to hand the key to the key manager; its password never leaves it.
    char[] password = new char[32];
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + random.nextInt(26));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an in-memory key store", e);
    }
    store.setKeyEntry(
        "touchline",
        credentials.privateKey(),
        password,
        credentials.chain().toArray(new Certificate[0]));
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, random);
    return new ServerTls(credentials, keyManagers, context);
  }

  /** For gRPC's Netty server. */
  public KeyManagerFactory keyManagers() {
    return keyManagers;
  }

  /** For the JDK's HTTPS servers, with {@link #parameters()}. */
  public SSLContext context() {
    return context;
  }

  /** The context's defaults, limited to {@link #PROTOCOLS}; no client certificate asked. */
  public SSLParameters parameters() {
    SSLParameters parameters = context.getDefaultSSLParameters();
    parameters.setProtocols(PROTOCOLS.toArray(new String[0]));
    parameters.setNeedClientAuth(false);
    parameters.setWantClientAuth(false);
    return parameters;
  }

  /**
   * What to say at start when a certificate of the chain expires within {@link #EXPIRY_WARNING} of
   * {@code now}: clients refuse the ports once it has, and a new one is taken only at a restart.
   */
  public Optional<String> expiryWarning(Instant now) {
    Instant notAfter = credentials.notAfter();
    if (notAfter.isAfter(now.plus(EXPIRY_WARNING))) {
      return Optional.empty();
    }
    long hours = Math.max(0, Duration.between(now, notAfter).toHours());
    return Optional.of(
        "the TLS certificate "
            + credentials.firstToExpire()
            + " (tls.certificate) expires on "
            + notAfter
            + ", in "
            + (hours >= 48 ? hours / 24 + " days" : hours + " hours")
            + "; clients will refuse the ports then. Replace the files and restart the collector.");
  }
}
