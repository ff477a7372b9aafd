package io.touchline.agent.export;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS set-up handed to the JDK HTTP client when the endpoint is plain {@code http://}. The
 * client builds a TLS context even when it never uses one; left to itself it loads and parses the
 * JVM's whole trust store, a few hundred milliseconds that delay the first export (and the exit of
 * a short-lived application). This one trusts nothing, so it can never weaken an https endpoint.
 */
final class PlainHttpTls {

  static final X509TrustManager TRUST_NOTHING =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          throw new CertificateException("TLS is not used for a plain http:// endpoint");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          throw new CertificateException("TLS is not used for a plain http:// endpoint");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private PlainHttpTls() {}

  static SSLContext context() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {TRUST_NOTHING}, null);
    return context;
  }
}
