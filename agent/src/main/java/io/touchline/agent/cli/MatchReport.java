package io.touchline.agent.cli;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.instrument.TouchpointMatch;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * What each touchpoint matches on a class path, read from the class files without loading them: the
 * classes and methods (every overload), the paths that cannot fit a method, and touchpoints that
 * match nothing or suspiciously much.
 */
final class MatchReport {

  /** More methods than this for one touchpoint is worth a second look at its patterns. */
  static final int TOO_MANY_METHODS = 50;

  private final AgentConfig config;
  private final List<String> classpath;

  MatchReport(AgentConfig config, List<String> classpath) {
    this.config = config;
    this.classpath = classpath;
  }

  /** Prints the report; false when a path cannot fit a matched method. */
  boolean print(PrintStream out) throws IOException {
    List<ClassFileLocator> locators = new ArrayList<>();
    TreeSet<String> classNames = new TreeSet<>();
    for (String entry : classpath) {
      File file = new File(entry);
      if (file.isDirectory()) {
        locators.add(new ClassFileLocator.ForFolder(file));
        collectFromFolder(file.toPath(), classNames);
      } else if (file.isFile()) {
        locators.add(ClassFileLocator.ForJarFile.of(file));
        collectFromJar(file, classNames);
      } else {
        throw new IOException(entry + " is neither a jar nor a folder");
      }
    }
    locators.add(ClassFileLocator.ForClassLoader.ofSystemLoader()); // the JDK's own types
    TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(locators));
    boolean allPathsFit = true;
    for (TouchpointDefinition touchpoint : config.touchpoints()) {
      TouchpointMatch match = new TouchpointMatch(touchpoint);
      List<String> lines = new ArrayList<>();
      int methods = 0;
      for (String className : classNames) {
        TypeDescription type;
        try {
          type = pool.describe(className).resolve();
          if (!match.matchesType(type)) {
            continue;
          }
        } catch (RuntimeException e) {
          continue; // a class whose hierarchy is not on this class path
        }
        for (TouchpointMatch.MethodVerdict verdict : match.methods(type)) {
          methods++;
          if (verdict.problem() == null) {
            lines.add("  " + verdict.signature());
          } else {
            allPathsFit = false;
            lines.add("  " + verdict.signature() + "  SKIPPED: " + verdict.problem());
          }
        }
      }
      out.println(
          "touchpoint '"
              + touchpoint.name()
              + "' ("
              + touchpoint.location()
              + "): "
              + methods
              + " method(s)");
      lines.forEach(out::println);
      if (methods == 0) {
        out.println("  WARNING: matches nothing on this class path");
      } else if (methods > TOO_MANY_METHODS) {
        out.println(
            "  WARNING: matches " + methods + " methods; is the pattern broader than meant?");
      }
    }
    return allPathsFit;
  }

  private static void collectFromJar(File jar, TreeSet<String> names) throws IOException {
    try (JarFile file = new JarFile(jar)) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        addClassName(entries.nextElement().getName(), names);
      }
    }
  }

  private static void collectFromFolder(Path folder, TreeSet<String> names) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              p ->
                  addClassName(
                      folder.relativize(p).toString().replace(File.separatorChar, '/'), names));
    }
  }

  private static void addClassName(String entry, TreeSet<String> names) {
    if (entry.endsWith(".class")
        && !entry.startsWith("META-INF/")
        && !entry.endsWith("module-info.class")
        && !entry.endsWith("package-info.class")) {
      names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }
  }
}
