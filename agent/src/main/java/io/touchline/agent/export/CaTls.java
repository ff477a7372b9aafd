package io.touchline.agent.export;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS set-up for an https endpoint whose certificate is signed by the CA(s) of {@code
 * export.tls.caCertificate}: a trust manager holding those certificates alone, and a context made
 * with it. It is handed to the sender, never installed as the JVM's default: the application's own
 * connections keep the trust they had.
 */
final class CaTls {

  private final SSLContext context;
  private final X509TrustManager trustManager;

  private CaTls(SSLContext context, X509TrustManager trustManager) {
    this.context = context;
    this.trustManager = trustManager;
  }

  static CaTls trusting(List<X509Certificate> certificates) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot create an empty key store", e);
    }
    for (int i = 0; i < certificates.size(); i++) {
      store.setCertificateEntry("ca-" + i, certificates.get(i));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager) {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {manager}, null);
        return new CaTls(context, (X509TrustManager) manager);
      }
    }
    throw new GeneralSecurityException("the JVM offers no X.509 trust manager");
  }

  SSLContext context() {
    return context;
  }

  X509TrustManager trustManager() {
    return trustManager;
  }
}
