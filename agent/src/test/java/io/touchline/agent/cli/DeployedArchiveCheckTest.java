package io.touchline.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --classpath} on the artifact ops deploy: a Spring Boot executable jar and a WAR,
 * with the application's classes in a folder of the archive and its libraries as nested jars. Built
 * here from the fixture classes, laid out as the Spring Boot and servlet tooling lay them out.
 */
class DeployedArchiveCheckTest {

  private static final Path CLASSES = Paths.get("target/test-classes");

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs {@code check} on a config of these lines, with the archive as the class path. */
  private int check(Path archive, String... configLines) throws Exception {
    Path config = Files.createTempFile(tmp, "agent", ".yaml");
    Files.write(config, String.join("\n", configLines).getBytes(StandardCharsets.UTF_8));
    return AgentCommand.run(
        new String[] {"check", config.toString(), "--classpath", archive.toString()},
        Collections.emptyMap(),
        new PrintStream(out, true, "UTF-8"),
        new PrintStream(err, true, "UTF-8"));
  }

  /** Login and payment touchpoints on the fixture classes. */
  private int check(Path archive) throws Exception {
    return check(
        archive,
        "touchpoints:",
        "  - name: login",
        "    class: com.acme.fixture.AccountService",
        "    method: login",
        "    keys:",
        "      email: args[0]",
        "      customer_id: return.customerNumber",
        "  - name: payment",
        "    subtypeOf: com.acme.fixture.PaymentGateway",
        "    method: charge");
  }

  private String out() {
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  /** A jar holding the fixture classes named, under {@code prefix}. */
  private static void addClasses(ZipOutputStream zip, String prefix, String... simpleNames)
      throws IOException {
    for (String name : simpleNames) {
      Path file = CLASSES.resolve("com/acme/fixture/" + name + ".class");
      zip.putNextEntry(new ZipEntry(prefix + "com/acme/fixture/" + name + ".class"));
      zip.write(Files.readAllBytes(file));
      zip.closeEntry();
    }
  }

  private Path library(String name, String... simpleNames) throws IOException {
    Path jar = tmp.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      addClasses(zip, "", simpleNames);
    }
    return jar;
  }

  /**
   * An archive with the application's classes under {@code classes} and libraries under {@code
   * lib}.
   */
  private Path archive(String name, String classes, String lib, boolean withModel)
      throws IOException {
    Path archive = tmp.resolve(name);
    try (OutputStream file = Files.newOutputStream(archive);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      addClasses(zip, classes, "AccountService");
      Path payments = library("payments.jar", "PaymentGateway", "CardGateway");
      zip.putNextEntry(new ZipEntry(lib + "payments.jar"));
      zip.write(Files.readAllBytes(payments));
      zip.closeEntry();
      if (withModel) {
        Path model = library("model.jar", "Account");
        zip.putNextEntry(new ZipEntry(lib + "model.jar"));
        zip.write(Files.readAllBytes(model));
        zip.closeEntry();
      }
    }
    return archive;
  }

  @Test
  void readsASpringBootExecutableJarWithItsNestedLibraries() throws Exception {
    Path boot = archive("app.jar", "BOOT-INF/classes/", "BOOT-INF/lib/", true);

    assertThat(check(boot)).isZero();
    assertThat(out())
        .contains("touchpoint 'login' (")
        .contains("  com.acme.fixture.AccountService.login(java.lang.String, java.lang.String)")
        .contains("touchpoint 'payment' (")
        .contains("  com.acme.fixture.CardGateway.charge(java.lang.String, long)");
  }

  @Test
  void readsAWarWithItsLibraries() throws Exception {
    Path war = archive("app.war", "WEB-INF/classes/", "WEB-INF/lib/", true);

    assertThat(check(war)).isZero();
    assertThat(out())
        .contains("  com.acme.fixture.AccountService.login(java.lang.String, java.lang.String)")
        .contains("  com.acme.fixture.CardGateway.charge(java.lang.String, long)");
  }

  /** An {@code Order}, the type of another jar, and a service whose method takes one. */
  private static final DynamicType.Unloaded<?> ORDER =
      new ByteBuddy()
          .subclass(Object.class)
          .name("com.acme.boot.Order")
          .defineMethod("getCustomerNumber", String.class, Modifier.PUBLIC)
          .intercept(FixedValue.value("C-1"))
          .make();

  private static byte[] orderService() {
    return new ByteBuddy()
        .subclass(Object.class)
        .name("com.acme.boot.OrderService")
        .defineMethod("place", String.class, Modifier.PUBLIC)
        .withParameters(ORDER.getTypeDescription())
        .intercept(FixedValue.value("ok"))
        .make()
        .getBytes();
  }

  private static byte[] order() {
    return ORDER.getBytes();
  }

  private Path bootJarOfOrders(boolean withModel) throws IOException {
    Path archive = tmp.resolve(withModel ? "orders.jar" : "orders-without-model.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
      zip.putNextEntry(new ZipEntry("BOOT-INF/classes/com/acme/boot/OrderService.class"));
      zip.write(orderService());
      zip.closeEntry();
      if (withModel) {
        Path model = tmp.resolve("orders-model.jar");
        try (ZipOutputStream lib = new ZipOutputStream(Files.newOutputStream(model))) {
          lib.putNextEntry(new ZipEntry("com/acme/boot/Order.class"));
          lib.write(order());
          lib.closeEntry();
        }
        zip.putNextEntry(new ZipEntry("BOOT-INF/lib/orders-model.jar"));
        zip.write(Files.readAllBytes(model));
        zip.closeEntry();
      }
    }
    return archive;
  }

  private int checkOrders(Path archive) throws Exception {
    return check(
        archive,
        "touchpoints:",
        "  - name: order.placed",
        "    class: com.acme.boot.OrderService",
        "    method: place",
        "    keys:",
        "      customer_id: args[0].customerNumber");
  }

  @Test
  void pathsAreCheckedAgainstTypesOfTheNestedLibraries() throws Exception {
    assertThat(checkOrders(bootJarOfOrders(true))).isZero();
    assertThat(out()).contains("  com.acme.boot.OrderService.place(com.acme.boot.Order)\n");
  }

  @Test
  void aClassWhoseTypesAreMissingIsReportedInALineNotAStackTrace() throws Exception {
    int exit = checkOrders(bootJarOfOrders(false));

    String all = out() + new String(err.toByteArray(), StandardCharsets.UTF_8);
    assertThat(all).doesNotContain("\tat ").doesNotContain("Exception in");
    assertThat(out())
        .contains("  com.acme.boot.OrderService  SKIPPED: its methods cannot be read (")
        .contains("com.acme.boot.Order")
        .contains("add the jars it uses to --classpath");
    assertThat(exit).isNotEqualTo(AgentCommand.USAGE);
  }
}
