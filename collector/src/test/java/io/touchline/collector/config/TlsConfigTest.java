package io.touchline.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.testing.TestCertificates;
import io.touchline.collector.testing.TestCertificates.KeyType;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tls} section: both files read and checked with the config, every mistake naming its
 * file, line and field before anything listens.
 */
class TlsConfigTest {

  private static final TestCertificates CA = TestCertificates.newCa();

  @TempDir Path dir;
  private final CollectorConfigLoader loader = new CollectorConfigLoader();

  @Test
  void withoutATlsSectionThePortsArePlain() throws ConfigException {
    assertThat(loader.parse("collector.yaml", "api:\n  port: 0\n").tls()).isNull();
    assertThat(CollectorConfig.defaults().tls()).isNull();
  }

  @Test
  void readsTheChainLeafFirstAndItsKey() throws ConfigException {
    TestCertificates intermediate = CA.intermediate();
    TestCertificates.Server server = intermediate.issueServer(dir);

    CollectorConfig config = load(server.certificate(), server.privateKey());

    assertThat(config.tls().certificate()).isEqualTo(server.certificate().toString());
    PemCredentials credentials = config.tls().credentials();
    assertThat(credentials.chain()).containsExactlyElementsOf(server.chain()).hasSize(2);
    assertThat(credentials.privateKey().getEncoded()).isEqualTo(server.key().getEncoded());
  }

  @Test
  void readsRsaAndEcKeysInPkcs8AndInTheOlderForms() throws Exception {
    for (KeyType type : KeyType.values()) {
      TestCertificates.Server server =
          CA.issueServer(
              dir.resolve(type.name()),
              type,
              Instant.now().minus(Duration.ofHours(1)),
              Instant.now().plus(Duration.ofDays(30)));
      assertThat(load(server.certificate(), server.privateKey()).tls().credentials().privateKey())
          .extracting(java.security.Key::getAlgorithm)
          .isEqualTo(type.name());

      Path older =
          TestCertificates.writeTraditional(dir.resolve(type + "-older.pem"), server.key());
      assertThat(Files.readString(older)).startsWith("-----BEGIN " + type.name() + " PRIVATE KEY");
      // Read at all means checked against the certificate: it is the same key.
      assertThat(load(server.certificate(), older).tls().credentials().privateKey())
          .extracting(java.security.Key::getAlgorithm)
          .isEqualTo(type.name());
    }
  }

  @Test
  void oneFileMayHoldTheKeyAndTheChain() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir);
    Path both =
        Files.writeString( // the key first, as some write it
            dir.resolve("both.pem"),
            Files.readString(server.privateKey()) + Files.readString(server.certificate()));

    assertThat(load(both, both).tls().credentials().chain()).hasSize(1);
  }

  @Test
  void aMissingFileNamesItsFieldAndLine() {
    TestCertificates.Server server = CA.issueServer(dir);
    Path nowhere = dir.resolve("nowhere.pem");

    assertThatThrownBy(() -> load(nowhere, server.privateKey()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("collector.yaml:4: tls.certificate: cannot read " + nowhere + ": no such file");
    assertThatThrownBy(() -> load(server.certificate(), nowhere))
        .hasMessage("collector.yaml:5: tls.privateKey: cannot read " + nowhere + ": no such file");
    assertThatThrownBy(() -> load(dir, server.privateKey()))
        .hasMessage(
            "collector.yaml:4: tls.certificate: cannot read " + dir + ": it is a directory");
  }

  @Test
  void bothFilesAreRequired() {
    TestCertificates.Server server = CA.issueServer(dir);

    assertThatThrownBy(
            () ->
                loader.parse(
                    "collector.yaml",
                    "api:\n  port: 0\ntls:\n  certificate: " + server.certificate() + "\n"))
        .hasMessage(
            "collector.yaml:3: tls.privateKey: required with tls: the path of the PEM file holding"
                + " the private key");
  }

  @Test
  void whatIsNoPemIsExplained() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir);
    Path text = Files.writeString(dir.resolve("text.pem"), "not a certificate\n");
    Path binary = Files.write(dir.resolve("der.crt"), server.chain().get(0).getEncoded());
    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nMIIB!!not base64!!\n-----END CERTIFICATE-----\n");
    Path unknown =
        Files.writeString(
            dir.resolve("unknown.pem"),
            "-----BEGIN SOMETHING-----\nAAAA\n-----END SOMETHING-----\n");

    assertThatThrownBy(() -> load(text, server.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: " + text + ": no PEM certificate");
    assertThatThrownBy(() -> load(binary, server.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: " + binary + ": no PEM certificate")
        .hasMessageContaining("openssl x509 -inform der");
    assertThatThrownBy(() -> load(broken, server.privateKey()))
        .hasMessageStartingWith("collector.yaml:4: tls.certificate: " + broken + ": not valid PEM");
    assertThatThrownBy(() -> load(unknown, server.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: " + unknown + ": not valid PEM");
    assertThatThrownBy(() -> load(server.certificate(), text))
        .hasMessage(
            "collector.yaml:5: tls.privateKey: "
                + text
                + ": no PEM private key in it (-----BEGIN PRIVATE KEY-----)");
    assertThatThrownBy(() -> load(server.certificate(), server.certificate()))
        .hasMessageStartingWith("collector.yaml:5: tls.privateKey: ")
        .hasMessageContaining("no PEM private key");
    assertThatThrownBy(() -> load(server.certificate(), broken))
        .hasMessageStartingWith("collector.yaml:5: tls.privateKey: " + broken + ": not valid PEM");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir.resolve("a"));
    TestCertificates.Server other = CA.issueServer(dir.resolve("b"));
    TestCertificates.Server rsa =
        CA.issueServer(
            dir.resolve("rsa"),
            KeyType.RSA,
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(1)));

    assertThatThrownBy(() -> load(server.certificate(), other.privateKey()))
        .hasMessage(
            "collector.yaml:5: tls.privateKey: "
                + other.privateKey()
                + " does not belong to the certificate in "
                + server.certificate()
                + " (CN=localhost)");
    assertThatThrownBy(() -> load(server.certificate(), rsa.privateKey()))
        .hasMessageContaining("tls.privateKey: " + rsa.privateKey() + " does not belong");
  }

  @Test
  void aChainOutOfOrderIsExplained() throws Exception {
    TestCertificates intermediate = CA.intermediate();
    TestCertificates.Server server = intermediate.issueServer(dir);
    Path issuerFirst =
        TestCertificates.writePem(
            dir.resolve("issuer-first.pem"), server.chain().get(1), server.chain().get(0));
    Path wrongIssuer =
        TestCertificates.writePem(
            dir.resolve("wrong-issuer.pem"),
            server.chain().get(0),
            CA.intermediate().certificate());

    assertThatThrownBy(() -> load(issuerFirst, server.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: "
                + issuerFirst
                + ": the private key in "
                + server.privateKey()
                + " belongs to certificate 2 (CN=localhost), not to the first");
    assertThatThrownBy(() -> load(wrongIssuer, server.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: " + wrongIssuer + ": certificate 2")
        .hasMessageContaining("did not issue certificate 1 (CN=localhost)");
  }

  @Test
  void anExpiredCertificateOrOneNotYetValidIsRefused() {
    Instant now = Instant.now();
    TestCertificates.Server expired =
        CA.issueServer(
            dir.resolve("expired"),
            KeyType.EC,
            now.minus(Duration.ofDays(30)),
            now.minus(Duration.ofDays(1)));
    TestCertificates.Server early =
        CA.issueServer(
            dir.resolve("early"),
            KeyType.EC,
            now.plus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)));

    assertThatThrownBy(() -> load(expired.certificate(), expired.privateKey()))
        .hasMessageStartingWith(
            "collector.yaml:4: tls.certificate: "
                + expired.certificate()
                + ": certificate 1 (CN=localhost) expired on "
                + expired.chain().get(0).getNotAfter().toInstant());
    assertThatThrownBy(() -> load(early.certificate(), early.privateKey()))
        .hasMessageContaining("tls.certificate: ")
        .hasMessageContaining("certificate 1 (CN=localhost) is not valid before");
  }

  @Test
  void anEncryptedKeyIsExplained() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir);
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(
          new JcaPKCS8Generator(
              server.key(),
              new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                  .setProvider(new BouncyCastleProvider())
                  .setPassword("secret".toCharArray())
                  .build()));
    }
    Path encrypted =
        Files.writeString(dir.resolve("encrypted.pem"), text.toString(), StandardCharsets.US_ASCII);
    assertThat(text.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

    assertThatThrownBy(() -> load(server.certificate(), encrypted))
        .hasMessageStartingWith(
            "collector.yaml:5: tls.privateKey: " + encrypted + ": the key is encrypted");
  }

  private CollectorConfig load(Path certificate, Path privateKey) throws ConfigException {
    return loader.parse(
        "collector.yaml",
        "api:\n  port: 0\ntls:\n  certificate: "
            + certificate
            + "\n  privateKey: "
            + privateKey
            + "\n");
  }
}
