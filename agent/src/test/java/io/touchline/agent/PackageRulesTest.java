package io.touchline.agent;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The agent's package rules (agent/README.md), checked on the main classes as compiled, before the
 * shade plugin relocates their libraries. A failure names the rule and the offending class.
 *
 * <p>The data flows config → instrument → capture → export; the code depends downwards. The root
 * package (premain, installer, reloader) and {@code cli} (the jar's command line) use the rest and
 * nothing uses them. {@code instrument} uses config, capture and export; {@code export} reads
 * config's settings and capture's values; {@code config} parses agent.yaml into capture's types
 * (paths, conditions, key rules); {@code capture} counts in {@code metrics}; every package logs
 * through {@code log}, which uses nothing of the agent's.
 */
@AnalyzeClasses(
    packages = "io.touchline.agent",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

  private static final String ROOT = "io.touchline.agent";
  private static final String LOG = "io.touchline.agent.log..";
  private static final String METRICS = "io.touchline.agent.metrics..";
  private static final String CONFIG = "io.touchline.agent.config..";
  private static final String CAPTURE = "io.touchline.agent.capture..";
  private static final String EXPORT = "io.touchline.agent.export..";
  private static final String INSTRUMENT = "io.touchline.agent.instrument..";
  private static final String CLI = "io.touchline.agent.cli..";

  /** Byte Buddy, OpenTelemetry and SnakeYAML: exactly the relocations in agent/pom.xml. */
  private static final String BYTE_BUDDY = "net.bytebuddy..";

  private static final String OPENTELEMETRY = "io.opentelemetry..";
  private static final String SNAKEYAML = "org.yaml.snakeyaml..";

  @ArchTest
  static final ArchRule packagesFormNoCycle =
      slices()
          .matching("io.touchline.(**)")
          .should()
          .beFreeOfCycles()
          .because(
              "the root package wires the sub-packages, and each sub-package only uses those"
                  + " below it; a cycle makes the layers meaningless");

  @ArchTest
  static final ArchRule nothingButTheRootUsesTheRoot =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT)
          .because(
              "the root package (premain, the installer, the reloader) wires the"
                  + " sub-packages; what they share lives in a sub-package of its own, such as log");

  @ArchTest
  static final ArchRule logUsesNoOtherAgentPackage =
      noClasses()
          .that()
          .resideInAPackage(LOG)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, METRICS, CONFIG, CAPTURE, EXPORT, INSTRUMENT, CLI)
          .because("every package logs, so the log helper can use none of them");

  @ArchTest
  static final ArchRule metricsUsesOnlyLog =
      noClasses()
          .that()
          .resideInAPackage(METRICS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, CONFIG, CAPTURE, EXPORT, INSTRUMENT, CLI)
          .because(
              "the agent's own counters are counted from every package, so they can use"
                  + " only the log helper");

  @ArchTest
  static final ArchRule configUsesOnlyCaptureAndLog =
      noClasses()
          .that()
          .resideInAPackage(CONFIG)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, METRICS, EXPORT, INSTRUMENT, CLI)
          .because(
              "config comes first: it reads agent.yaml into immutable settings, parsing"
                  + " paths, conditions and key rules into capture's types so that every error names"
                  + " its line, and may use nothing else but the log helper");

  @ArchTest
  static final ArchRule captureUsesOnlyMetricsAndLog =
      noClasses()
          .that()
          .resideInAPackage(CAPTURE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, CONFIG, INSTRUMENT, EXPORT, CLI)
          .because(
              "capture reads values from a finished call for instrument and hands them to"
                  + " export; it knows neither, nor the config file");

  @ArchTest
  static final ArchRule exportDoesNotReachBack =
      noClasses()
          .that()
          .resideInAPackage(EXPORT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, INSTRUMENT, CLI)
          .because(
              "export is the end of the flow: it turns queued records into spans and sends"
                  + " them, and never calls back into the instrumentation");

  @ArchTest
  static final ArchRule instrumentDoesNotUseTheWiring =
      noClasses()
          .that()
          .resideInAPackage(INSTRUMENT)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ROOT, CLI)
          .because(
              "instrument is wired by the root package and used by cli, never the other"
                  + " way round");

  @ArchTest
  static final ArchRule nothingButTheRootAndCliUsesCli =
      noClasses()
          .that()
          .resideOutsideOfPackages(ROOT, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(CLI)
          .because(
              "cli is the jar's command line (check, list, attach): nothing the running"
                  + " agent needs may live there");

  @ArchTest
  static final ArchRule onlyShadedLibraries =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.touchline.agent..",
              "io.touchline.keys..",
              BYTE_BUDDY,
              OPENTELEMETRY,
              SNAKEYAML,
              "java..",
              "javax.crypto..",
              "javax.management..",
              "javax.net..")
          .because(
              "every class the agent adds to an application's JVM must be its own: libraries"
                  + " are allowed only when agent/pom.xml's shade plugin relocates them (Byte Buddy,"
                  + " OpenTelemetry, SnakeYAML), besides touchline-keys and the JDK");

  @ArchTest
  static final ArchRule snakeYamlOnlyInConfig =
      noClasses()
          .that()
          .resideOutsideOfPackage(CONFIG)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SNAKEYAML)
          .because("only config reads YAML");

  @ArchTest
  static final ArchRule snakeYamlComposerOnly =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("org.yaml.snakeyaml.Yaml")
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("org.yaml.snakeyaml.constructor..")
          .because(
              "SnakeYAML's Yaml front door and its constructors start java.util.logging in"
                  + " premain, before an application server can install its own LogManager; the"
                  + " config is read with the composer's node tree only");

  @ArchTest
  static final ArchRule javaUtilLoggingOnlyInExport =
      noClasses()
          .that()
          .resideOutsideOfPackage(EXPORT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.util.logging..")
          .because(
              "premain must never start java.util.logging; only export, on its own thread"
                  + " after premain, bridges OpenTelemetry's JUL output to the agent's log");

  @ArchTest
  static final ArchRule byteBuddyOnlyInInstrumentAndCli =
      noClasses()
          .that()
          .resideOutsideOfPackages(INSTRUMENT, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(BYTE_BUDDY)
          .because(
              "weaving is instrument's job; cli only reads class files with Byte Buddy's"
                  + " type pool to check a config offline");

  @ArchTest
  static final ArchRule openTelemetryOnlyInExport =
      noClasses()
          .that()
          .resideOutsideOfPackage(EXPORT)
          .and()
          .doNotHaveFullyQualifiedName("io.touchline.agent.instrument.NanoClock")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(OPENTELEMETRY)
          .because(
              "OpenTelemetry's classes are created on the export thread, not in premain; the"
                  + " one exception is the SDK's clock, which instrument's NanoClock reads for span"
                  + " start and end times");

  @ArchTest
  static final ArchRule adviceOnlyCallsTheDispatch =
      classes()
          .that()
          .haveFullyQualifiedName("io.touchline.agent.instrument.TouchpointAdvice")
          .should()
          .onlyDependOnClassesThat(
              resideInAnyPackage(
                      "java..",
                      "net.bytebuddy.asm..",
                      "net.bytebuddy.implementation.bytecode.assign..")
                  .or(name("io.touchline.agent.instrument.TouchpointDispatch"))
                  .or(name("io.touchline.agent.instrument.TouchpointAdvice"))
                  .or(name("io.touchline.agent.instrument.TouchpointId")))
          .because(
              "the advice is inlined into application methods: it hands the call to"
                  + " TouchpointDispatch, which catches everything, and touches nothing else of the agent's");
}
