package io.touchline.collector.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made at test time, and the server certificates it issues, as PEM files:
 * what a test needs to run a server with TLS and a client that trusts it. Nothing is read from the
 * machine; every key is new.
 *
 * <pre>{@code
 * TestCertificates ca = TestCertificates.newCa();
 * TestCertificates.Server server = ca.issueServer(dir);   // localhost and 127.0.0.1
 * // server.certificate(), server.privateKey(): the collector's tls section
 * // server.ca() or ca.clientContext(): what a client trusts
 * }</pre>
 */
public final class TestCertificates {

  /** The key algorithms TLS servers use. */
  public enum KeyType {
    EC,
    RSA
  }

  /**
   * How long a server certificate is valid by default, from an hour ago: long enough that the
   * collector does not warn of its end (it does within 14 days).
   */
  public static final Duration VALIDITY = Duration.ofDays(90);

  /** How long an authority is valid, from an hour ago. */
  public static final Duration CA_VALIDITY = Duration.ofDays(365);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair keys;

  /** This authority's certificate first, then those above it; the root last. */
  private final List<X509Certificate> chain;

  private TestCertificates(KeyPair keys, List<X509Certificate> chain) {
    this.keys = keys;
    this.chain = List.copyOf(chain);
  }

  /** A root CA named {@code CN=Touchline Test CA}, with an EC P-256 key. */
  public static TestCertificates newCa() {
    return newCa(KeyType.EC);
  }

  /** A root CA named {@code CN=Touchline Test CA}, with a key of {@code type}. */
  public static TestCertificates newCa(KeyType type) {
    KeyPair keys = keyPair(type);
    X500Name name = new X500Name("CN=Touchline Test CA");
    X509Certificate certificate =
        sign(
            caBuilder(name, name, keys, keys, defaultStart(), Instant.now().plus(CA_VALIDITY)),
            keys.getPrivate());
    return new TestCertificates(keys, List.of(certificate));
  }

  /**
   * An intermediate CA that this one issues; the servers it issues list it after their own
   * certificate, and a client trusts the root.
   */
  public TestCertificates intermediate() {
    KeyPair intermediateKeys = keyPair(KeyType.EC);
    X500Name name = new X500Name("CN=Touchline Test Intermediate CA " + serial());
    X509Certificate certificate =
        sign(
            caBuilder(
                name,
                subject(),
                intermediateKeys,
                keys,
                defaultStart(),
                chain.get(0).getNotAfter().toInstant()),
            keys.getPrivate());
    List<X509Certificate> intermediateChain = new ArrayList<>();
    intermediateChain.add(certificate);
    intermediateChain.addAll(chain);
    return new TestCertificates(intermediateKeys, intermediateChain);
  }

  /** {@link #issueServer(Path, KeyType, Instant, Instant)}: EC, valid for {@link #VALIDITY}. */
  public Server issueServer(Path dir) {
    return issueServer(dir, KeyType.EC, defaultStart(), defaultEnd());
  }

  /**
   * A server certificate for {@code localhost} and {@code 127.0.0.1}, written to {@code dir}:
   * {@code server.pem} (the server's certificate, then the intermediate ones), {@code
   * server-key.pem} (its private key, PKCS#8) and {@code ca.pem} (the root, for clients).
   */
  public Server issueServer(Path dir, KeyType type, Instant notBefore, Instant notAfter) {
    KeyPair serverKeys = keyPair(type);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject(),
                  serial(),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  new X500Name("CN=localhost"),
                  serverKeys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(
                      type == KeyType.RSA
                          ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                          : KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                      }))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(serverKeys.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(chain.get(0)));
      X509Certificate leaf = sign(builder, keys.getPrivate());
      List<X509Certificate> serverChain = new ArrayList<>();
      serverChain.add(leaf);
      serverChain.addAll(chain.subList(0, chain.size() - 1)); // the root stays with the clients
      Files.createDirectories(dir);
      Path certificate =
          writePem(dir.resolve("server.pem"), serverChain.toArray(new X509Certificate[0]));
      Path key = writePkcs8(dir.resolve("server-key.pem"), serverKeys.getPrivate());
      Path ca = writePem(dir.resolve("ca.pem"), root());
      return new Server(certificate, key, ca, List.copyOf(serverChain), serverKeys.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This authority's certificate. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** The root this authority's chain ends in: what clients trust. */
  public X509Certificate root() {
    return chain.get(chain.size() - 1);
  }

  /** A TLS client context that trusts this authority's root and nothing else. */
  public SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("touchline-test-ca", root());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes certificates to {@code file} as PEM, in order. */
  public static Path writePem(Path file, X509Certificate... certificates) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  /**
   * Writes {@code key} to {@code file} in the form older openssl versions write: {@code RSA PRIVATE
   * KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC 1, naming its curve).
   */
  public static Path writeTraditional(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      if (key instanceof ECPrivateKey ec) {
        // The JDK's PKCS#8 names the curve outside the SEC 1 structure; SEC 1 alone must name it.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
            new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(),
                ec.getS(),
                info.getPrivateKeyAlgorithm().getParameters());
        writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
      } else {
        writer.writeObject(key);
      }
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  /** Writes {@code key} to {@code file} as PKCS#8 PEM ({@code PRIVATE KEY}), unencrypted. */
  public static Path writePkcs8(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
  }

  /** A new key pair: EC on P-256, or RSA of 2048 bits. */
  public static KeyPair keyPair(KeyType type) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
      if (type == KeyType.EC) {
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      } else {
        generator.initialize(2048, RANDOM);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A server's certificate and key as files, and as objects for tests that write them otherwise.
   *
   * @param certificate PEM: the server's certificate, then the intermediate ones
   * @param privateKey PEM: the server's private key, PKCS#8
   * @param ca PEM: the root that issued the chain, for clients to trust
   * @param chain what {@code certificate} holds
   * @param key what {@code privateKey} holds
   */
  public record Server(
      Path certificate, Path privateKey, Path ca, List<X509Certificate> chain, PrivateKey key) {}

  private X500Name subject() {
    return X500Name.getInstance(chain.get(0).getSubjectX500Principal().getEncoded());
  }

  private static X509v3CertificateBuilder caBuilder(
      X500Name name,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      Instant from,
      Instant to) {
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      return new JcaX509v3CertificateBuilder(
              issuer, serial(), Date.from(from), Date.from(to), name, subjectKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              extensions.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
    try {
      String algorithm =
          issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static Instant defaultStart() {
    return Instant.now().minus(Duration.ofHours(1));
  }

  private static Instant defaultEnd() {
    return Instant.now().plus(VALIDITY);
  }
}
