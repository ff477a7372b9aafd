package io.touchline.collector.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The collector's TLS certificate chain and private key, read from PEM files (BouncyCastle parses
 * them) and checked before anything listens: each file is there and readable, holds what its field
 * says, the key belongs to the first certificate, each certificate was issued by the next, and none
 * has expired. Every problem names its field ({@code tls.certificate} or {@code tls.privateKey}).
 *
 * @param chain the server's certificate first, then the certificates that issued it, in order
 * @param privateKey the key of the first certificate
 */
public record PemCredentials(List<X509Certificate> chain, PrivateKey privateKey) {

  static final String CERTIFICATE = "tls.certificate";
  static final String PRIVATE_KEY = "tls.privateKey";

  public PemCredentials {
    chain = List.copyOf(chain);
  }

  /** Reads and checks both files; {@code now} decides what has expired. */
  static PemCredentials read(Path certificateFile, Path privateKeyFile, Instant now) {
    List<X509Certificate> chain = readChain(certificateFile);
    PrivateKey key = readKey(privateKeyFile);
    checkKeyBelongsToFirst(key, chain, certificateFile, privateKeyFile);
    checkIssuers(chain, certificateFile);
    checkValidity(chain, certificateFile, now);
    return new PemCredentials(chain, key);
  }

  /** The first moment a certificate of the chain is no longer valid. */
  public Instant notAfter() {
    return chain.stream()
        .map(certificate -> certificate.getNotAfter().toInstant())
        .min(Instant::compareTo)
        .orElseThrow();
  }

  /** The certificate of the chain that expires first, as its subject reads. */
  public String firstToExpire() {
    return chain.stream()
        .min((a, b) -> a.getNotAfter().compareTo(b.getNotAfter()))
        .map(PemCredentials::subject)
        .orElseThrow();
  }

  private static List<X509Certificate> readChain(Path file) {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> chain = new ArrayList<>();
    for (Object object : pemObjects(CERTIFICATE, file)) {
      // Anything else (a private key kept in the same file, say) is not the chain: left alone.
      if (object instanceof X509CertificateHolder holder) {
        try {
          chain.add(converter.getCertificate(holder));
        } catch (CertificateException e) {
          throw new InvalidFieldException(
              CERTIFICATE, file + ": certificate " + (chain.size() + 1) + " is not valid: " + e);
        }
      }
    }
    if (chain.isEmpty()) {
      throw new InvalidFieldException(
          CERTIFICATE,
          file
              + ": no PEM certificate in it (-----BEGIN CERTIFICATE-----); a DER file converts with"
              + " openssl x509 -inform der -in <file> -out <file>.pem");
    }
    return chain;
  }

  private static PrivateKey readKey(Path file) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    List<PrivateKey> keys = new ArrayList<>();
    for (Object object : pemObjects(PRIVATE_KEY, file)) {
      try {
        if (object instanceof PrivateKeyInfo pkcs8) {
          keys.add(converter.getPrivateKey(pkcs8));
        } else if (object instanceof PEMKeyPair traditional) {
          // "RSA PRIVATE KEY" (PKCS#1) and "EC PRIVATE KEY" (SEC 1), as older openssl writes them;
          // SEC 1 may leave out the public key, which is not needed here.
          keys.add(converter.getPrivateKey(traditional.getPrivateKeyInfo()));
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo
            || object instanceof PEMEncryptedKeyPair) {
          throw new InvalidFieldException(
              PRIVATE_KEY,
              file
                  + ": the key is encrypted; the collector reads an unencrypted key (openssl pkey"
                  + " -in <file> -out <plain file>) and relies on the file's permissions");
        }
      } catch (IOException e) {
        throw new InvalidFieldException(PRIVATE_KEY, file + ": not a usable private key: " + e);
      }
    }
    if (keys.isEmpty()) {
      throw new InvalidFieldException(
          PRIVATE_KEY, file + ": no PEM private key in it (-----BEGIN PRIVATE KEY-----)");
    }
    if (keys.size() > 1) {
      throw new InvalidFieldException(
          PRIVATE_KEY, file + ": holds " + keys.size() + " private keys; give it the server's one");
    }
    PrivateKey key = keys.get(0);
    if (signatureAlgorithm(key) == null) {
      throw new InvalidFieldException(
          PRIVATE_KEY, file + ": a " + key.getAlgorithm() + " key; use an RSA or an EC key");
    }
    return key;
  }

  /** Every PEM object of the file, in order; text outside the PEM blocks is skipped. */
  private static List<Object> pemObjects(String field, Path file) {
    String text;
    try {
      // Any byte reads as a character: a binary (DER) file is then told apart as holding no PEM.
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new InvalidFieldException(field, "cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidFieldException(field, "cannot read " + file + ": permission denied");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
      throw new InvalidFieldException(field, "cannot read " + file + ": " + why);
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle says what is wrong: an unknown block type, bad base64, a block cut short.
      throw new InvalidFieldException(field, file + ": not valid PEM: " + e.getMessage());
    }
    return objects;
  }

  /**
   * The key must be the first certificate's: it signs what that certificate's public key verifies.
   */
  private static void checkKeyBelongsToFirst(
      PrivateKey key, List<X509Certificate> chain, Path certificateFile, Path keyFile) {
    if (belongsTo(key, chain.get(0).getPublicKey())) {
      return;
    }
    for (int i = 1; i < chain.size(); i++) {
      if (belongsTo(key, chain.get(i).getPublicKey())) {
        throw new InvalidFieldException(
            CERTIFICATE,
            certificateFile
                + ": the private key in "
                + keyFile
                + " belongs to certificate "
                + (i + 1)
                + " ("
                + subject(chain.get(i))
                + "), not to the first; list the server's certificate first, then the"
                + " certificates that issued it");
      }
    }
    throw new InvalidFieldException(
        PRIVATE_KEY,
        keyFile
            + " does not belong to the certificate in "
            + certificateFile
            + " ("
            + subject(chain.get(0))
            + ")");
  }

  private static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
    String algorithm = signatureAlgorithm(key);
    if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // an EC key on another curve, say: not this certificate's
    }
  }

  private static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> null;
    };
  }

  /** Leaf first, each certificate issued by the next: the order TLS clients expect. */
  private static void checkIssuers(List<X509Certificate> chain, Path file) {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate issued = chain.get(i);
      X509Certificate issuer = chain.get(i + 1);
      boolean issuedBy = issued.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
      if (issuedBy) {
        try {
          issued.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
          issuedBy = false;
        }
      }
      if (!issuedBy) {
        throw new InvalidFieldException(
            CERTIFICATE,
            file
                + ": certificate "
                + (i + 2)
                + " ("
                + subject(issuer)
                + ") did not issue certificate "
                + (i + 1)
                + " ("
                + subject(issued)
                + "); list the server's certificate first, then the certificate that issued it,"
                + " and so on");
      }
    }
  }

  private static void checkValidity(List<X509Certificate> chain, Path file, Instant now) {
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      Instant notAfter = certificate.getNotAfter().toInstant();
      Instant notBefore = certificate.getNotBefore().toInstant();
      String which = file + ": certificate " + (i + 1) + " (" + subject(certificate) + ")";
      if (now.isAfter(notAfter)) {
        throw new InvalidFieldException(CERTIFICATE, which + " expired on " + notAfter);
      }
      if (now.isBefore(notBefore)) {
        throw new InvalidFieldException(CERTIFICATE, which + " is not valid before " + notBefore);
      }
    }
  }

  private static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
