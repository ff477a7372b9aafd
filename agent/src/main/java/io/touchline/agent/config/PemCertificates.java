package io.touchline.agent.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the CA certificates of {@code export.tls.caCertificate} when the config is loaded, so a
 * missing or wrong file is a config error at start, not a failed export later. The JDK's own X.509
 * factory parses PEM (one or several {@code BEGIN CERTIFICATE} blocks, text between them allowed).
 */
final class PemCertificates {

  private PemCertificates() {}

  static List<X509Certificate> read(String file, ConfigLocation where) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(Paths.get(file));
    } catch (NoSuchFileException e) {
      throw ConfigException.at(where, "the CA certificate file " + file + " does not exist");
    } catch (AccessDeniedException e) {
      throw ConfigException.at(
          where, "the CA certificate file " + file + " cannot be read: permission denied");
    } catch (IOException | RuntimeException e) {
      throw ConfigException.at(
          where, "the CA certificate file " + file + " cannot be read: " + e.getMessage());
    }
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))) {
        certificates.add((X509Certificate) certificate);
      }
    } catch (CertificateException | RuntimeException e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
      throw ConfigException.at(where, notCertificates(file, bytes, reason));
    }
    if (certificates.isEmpty()) {
      throw ConfigException.at(where, notCertificates(file, bytes, "the file is empty"));
    }
    return Collections.unmodifiableList(certificates);
  }

  private static String notCertificates(String file, byte[] bytes, String reason) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    String found =
        text.contains("PRIVATE KEY-----") && !text.contains("BEGIN CERTIFICATE")
            ? "it holds a private key; give the CA's certificate"
            : reason;
    return file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----): " + found;
  }
}
