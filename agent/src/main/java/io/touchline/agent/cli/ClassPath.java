package io.touchline.agent.cli;

import java.io.Closeable;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The classes {@code check --classpath} reads, from folders, plain jars, and the archives ops
 * deploy as they are: a Spring Boot executable jar (its classes under {@code BOOT-INF/classes/},
 * its libraries as jars under {@code BOOT-INF/lib/}) and a WAR ({@code WEB-INF/classes/}, {@code
 * WEB-INF/lib/}). Nested jars are copied to a temporary folder while the report runs and deleted by
 * {@link #close}.
 */
final class ClassPath implements Closeable {

  /** Where each kind of archive keeps its own classes and its libraries. */
  private static final String[][] LAYOUTS = {
    {"BOOT-INF/classes/", "BOOT-INF/lib/"}, {"WEB-INF/classes/", "WEB-INF/lib/"}
  };

  private final List<ClassFileLocator> locators = new ArrayList<ClassFileLocator>();
  private final TreeSet<String> classNames = new TreeSet<String>();
  private Path nestedJars;

  /** Reads every entry; an entry that is neither a jar nor a folder is an error naming it. */
  static ClassPath of(List<String> entries) throws IOException {
    ClassPath classPath = new ClassPath();
    try {
      for (String entry : entries) {
        classPath.add(new File(entry));
      }
    } catch (IOException | RuntimeException e) {
      classPath.close();
      throw e;
    }
    return classPath;
  }

  private void add(File file) throws IOException {
    if (file.isDirectory()) {
      locators.add(new ClassFileLocator.ForFolder(file));
      collectFromFolder(file.toPath());
    } else if (file.isFile()) {
      addArchive(file);
    } else {
      throw new IOException(file + " is neither a jar nor a folder");
    }
  }

  private void addArchive(File file) throws IOException {
    JarFile jar;
    try {
      jar = new JarFile(file);
    } catch (IOException e) {
      throw new IOException(file + " is not a jar, a WAR or a folder: " + e.getMessage(), e);
    }
    String[] layout = layoutOf(jar);
    if (layout == null) {
      jar.close();
      locators.add(ClassFileLocator.ForJarFile.of(file));
      collectFromJar(file, "");
      return;
    }
    locators.add(new NestedClassesLocator(jar, layout[0]));
    collectFromJar(file, layout[0]);
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      JarEntry entry = entries.nextElement();
      if (entry.getName().startsWith(layout[1]) && entry.getName().endsWith(".jar")) {
        addArchive(extract(jar, entry));
      }
    }
  }

  /** The layout whose classes folder the archive has, or null for a plain jar. */
  private static String[] layoutOf(JarFile jar) {
    for (String[] layout : LAYOUTS) {
      if (jar.getEntry(layout[0]) != null || hasEntryUnder(jar, layout[0])) {
        return layout;
      }
    }
    return null;
  }

  private static boolean hasEntryUnder(JarFile jar, String prefix) {
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      if (entries.nextElement().getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private File extract(JarFile jar, JarEntry entry) throws IOException {
    if (nestedJars == null) {
      nestedJars = Files.createTempDirectory("touchline-check");
    }
    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
    File target = nestedJars.resolve(locators.size() + "-" + name).toFile();
    InputStream in = jar.getInputStream(entry);
    try {
      OutputStream out = new FileOutputStream(target);
      try {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
        }
      } finally {
        out.close();
      }
    } finally {
      in.close();
    }
    return target;
  }

  /** Every class found, by name, in order. */
  TreeSet<String> classNames() {
    return classNames;
  }

  /** Where to read each class file from, then the JDK's own types. */
  ClassFileLocator locator() {
    List<ClassFileLocator> all = new ArrayList<ClassFileLocator>(locators);
    all.add(ClassFileLocator.ForClassLoader.ofSystemLoader());
    return new ClassFileLocator.Compound(all);
  }

  private void collectFromJar(File file, String prefix) throws IOException {
    JarFile jar = new JarFile(file);
    try {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith(prefix)) {
          addClassName(name.substring(prefix.length()));
        }
      }
    } finally {
      jar.close();
    }
  }

  private void collectFromFolder(final Path folder) throws IOException {
    Stream<Path> files = Files.walk(folder);
    try {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        addClassName(folder.relativize(p).toString().replace(File.separatorChar, '/'));
      }
    } finally {
      files.close();
    }
  }

  private void addClassName(String entry) {
    if (entry.endsWith(".class")
        && !entry.startsWith("META-INF/")
        && !entry.endsWith("module-info.class")
        && !entry.endsWith("package-info.class")) {
      classNames.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }
  }

  @Override
  public void close() throws IOException {
    for (ClassFileLocator locator : locators) {
      locator.close();
    }
    if (nestedJars != null) {
      Stream<Path> files = Files.walk(nestedJars);
      try {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      } finally {
        files.close();
      }
    }
  }

  /**
   * Class files under a folder of an archive ({@code BOOT-INF/classes/}, {@code WEB-INF/classes/}).
   */
  private static final class NestedClassesLocator implements ClassFileLocator {

    private final JarFile jar;
    private final String prefix;

    NestedClassesLocator(JarFile jar, String prefix) {
      this.jar = jar;
      this.prefix = prefix;
    }

    @Override
    public Resolution locate(String name) throws IOException {
      JarEntry entry = jar.getJarEntry(prefix + name.replace('.', '/') + ".class");
      if (entry == null) {
        return new Resolution.Illegal(name);
      }
      InputStream in = jar.getInputStream(entry);
      try {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          bytes.write(buffer, 0, n);
        }
        return new Resolution.Explicit(bytes.toByteArray());
      } finally {
        in.close();
      }
    }

    @Override
    public void close() throws IOException {
      jar.close();
    }
  }
}
