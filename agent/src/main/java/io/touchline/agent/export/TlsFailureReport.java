package io.touchline.agent.export;

import io.touchline.agent.config.ExportSettings;
import io.touchline.agent.log.AgentLog;
import javax.net.ssl.SSLException;

/**
 * Says once, in words an operator can act on, that the collector's certificate was refused (an
 * unknown CA, a name that does not match, a TLS version the two sides do not share), instead of a
 * line per failed batch. Every later batch fails the same way until the set-up changes, so the
 * batches are only counted as dropped; after an export succeeds again, a new failure is reported
 * again. Used on the export thread only.
 */
final class TlsFailureReport {

  private final String url;
  private final String caCertificateFile;
  private boolean reported;

  TlsFailureReport(ExportSettings settings) {
    this.url = settings.tracesUrl();
    this.caCertificateFile = settings.caCertificateFile();
  }

  /** The TLS error behind an export failure, or null when it was something else. */
  static SSLException tlsCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return (SSLException) cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  void exportFailed(Throwable failure) {
    SSLException tls = tlsCause(failure);
    if (tls == null || reported) {
      return;
    }
    reported = true;
    String hint =
        caCertificateFile == null
            ? "If the collector's certificate is signed by your own CA, set"
                + " export.tls.caCertificate to that CA's PEM file; the certificate must also"
                + " name the endpoint's host"
            : "Check that "
                + caCertificateFile
                + " (export.tls.caCertificate) holds the CA that signed the collector's"
                + " certificate, and that the certificate names the endpoint's host";
    AgentLog.error(
        "TLS handshake with "
            + url
            + " failed: "
            + tls.getClass().getName()
            + ": "
            + tls.getMessage()
            + ". "
            + hint
            + ". Touchpoints are dropped and counted until it succeeds; this is said once.");
  }

  void exportSucceeded() {
    if (reported) {
      reported = false;
      AgentLog.info("TLS handshake with " + url + " succeeded; touchpoints are sent again");
    }
  }
}
