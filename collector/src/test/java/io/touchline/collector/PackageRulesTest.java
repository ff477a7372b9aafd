package io.touchline.collector;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * What each package may depend on, as collector/README.md and each package-info.java say. A class
 * that breaks a rule fails the build with the rule's reason and the offending dependency.
 */
@AnalyzeClasses(
    packages = "io.touchline.collector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

  private static final String ROOT = "io.touchline.collector";

  @ArchTest
  static final ArchRule onlyTheHttpPackageKnowsJetty =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT + ".http..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.eclipse.jetty..", "com.sun.net.httpserver..")
          .because(
              "handlers read and answer an http.Exchange, so the server under them is one package's"
                  + " business (collector/README.md)");

  @ArchTest
  static final ArchRule theCoreImportsNoInfrastructure =
      noClasses()
          .that()
          .resideInAnyPackage(
              ROOT + ".stitch..", ROOT + ".journey..", ROOT + ".query.views..", ROOT + ".model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "org.eclipse.jetty..",
              "com.fasterxml.jackson..",
              "org.duckdb..",
              "io.grpc..")
          .because(
              "identity rules, journeys, views and the model are pure in-memory logic: no JDBC, no HTTP, no JSON,"
                  + " no DuckDB (collector/README.md)");

  @ArchTest
  static final ArchRule theStoreKnowsNothingDerivedFromIt =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".store..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + ".stitch..",
              ROOT + ".journey..",
              ROOT + ".query..",
              ROOT + ".web..",
              ROOT + ".commit..",
              ROOT + ".live..",
              ROOT + ".erase..",
              ROOT + ".metrics..")
          .because(
              "the store commits and publishes to its CommitListener; what derives from the stored touchpoints"
                  + " listens (store/package-info.java)");

  @ArchTest
  static final ArchRule theStoreUsesOnlyTheModelAndTheIngestPort =
      classes()
          .that()
          .resideInAPackage(ROOT + ".store..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              ROOT + ".store..",
              ROOT + ".model..",
              ROOT + ".ingest..",
              ROOT + ".log..",
              "java..",
              "org.duckdb..",
              "com.fasterxml.jackson..",
              "it.unimi.dsi.fastutil..")
          .because(
              "the store depends on the model and the ingest port only (store/package-info.java)");

  @ArchTest
  static final ArchRule theWebLayerReadsThroughQueries =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".web..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "org.duckdb..", ROOT + ".stitch..", ROOT + ".commit..")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ROOT + ".journey.TouchpointColumns")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ROOT + ".journey.AttributeColumns")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ROOT + ".journey.Dictionary")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ROOT + ".store.TouchpointStore")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ROOT + ".store.StoreReader")
          .because(
              "the web layer passes names to the queries and views, which resolve them; JDBC errors arrive"
                  + " wrapped (web/package-info.java)");

  @ArchTest
  static final ArchRule theModelAndTheLogStandAlone =
      noClasses()
          .that()
          .resideInAnyPackage(ROOT + ".model..", ROOT + ".log..", ROOT + ".config..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              ROOT + ".store..",
              ROOT + ".stitch..",
              ROOT + ".journey..",
              ROOT + ".query..",
              ROOT + ".web..",
              ROOT + ".commit..",
              ROOT + ".live..",
              ROOT + ".erase..",
              ROOT + ".ingest..",
              ROOT + ".metrics..",
              ROOT + ".tls..",
              ROOT + ".rules..")
          .because(
              "model, log and config are what the other packages share; they use none of them");

  @ArchTest
  static final ArchRule theRulesAreDefinitionsOnly =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".rules..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "java.sql..",
              "org.duckdb..",
              "org.eclipse.jetty..",
              "com.sun.net.httpserver..",
              "java.net.http..",
              "io.grpc..",
              ROOT + ".store..",
              ROOT + ".stitch..",
              ROOT + ".journey..",
              ROOT + ".query..",
              ROOT + ".web..",
              ROOT + ".http..",
              ROOT + ".commit..",
              ROOT + ".ingest..",
              ROOT + ".live..",
              ROOT + ".erase..",
              ROOT + ".metrics..",
              ROOT + ".tls..")
          .because(
              "the rules file is definition and validation, read the same by the collector and"
                  + " check-rules: no JDBC, no HTTP, no DuckDB; the engine that decides and delivers"
                  + " uses the model (rules/package-info.java)");

  @ArchTest
  static final ArchRule tlsMakesContextsOfTheCheckedConfigOnly =
      classes()
          .that()
          .resideInAPackage(ROOT + ".tls..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(ROOT + ".tls..", ROOT + ".config..", "java..", "javax.net.ssl..")
          .because(
              "tls turns the certificate and key config has checked into what the transports take;"
                  + " it knows no transport (tls/package-info.java)");

  @ArchTest
  static final ArchRule nothingDependsOnTheWiring =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ROOT)
          .because("Collector wires the parts; the parts do not know it (package-info.java)");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices()
          .matching(ROOT + ".(**)")
          .should()
          .beFreeOfCycles()
          .because(
              "data flows one way: ingest → store → listeners → queries and views → web (docs/architecture.md)");

  @ArchTest
  static final ArchRule onlyTheWiringStartsThreads =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT)
          .should()
          .callConstructorWhere(target(owner(assignableTo(Thread.class))))
          .because(
              "every thread is named and owned by Collector's CollectorThreads, so a thread dump reads like the"
                  + " architecture; take a ThreadFactory or an executor instead");

  @ArchTest
  static final ArchRule onlyTheLogPrints =
      noClasses()
          .that()
          .resideOutsideOfPackage(ROOT + ".log")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("the collector's lines go through CollectorLog, with its prefix");
}
