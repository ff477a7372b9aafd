package io.touchline.agent.cli;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDK's attach API ({@code com.sun.tools.attach}), reached by reflection: the agent is built
 * for Java 8, where that API lives in the JDK's {@code lib/tools.jar} rather than in the runtime,
 * and since Java 9 in the {@code jdk.attach} module. Used by the command line only, never inside an
 * application.
 */
final class Attacher {

  /** An attachable JVM: its process id and what it runs (main class or jar, and arguments). */
  static final class Jvm {
    final String id;
    final String displayName;

    Jvm(String id, String displayName) {
      this.id = id;
      this.displayName = displayName;
    }
  }

  /** Thrown with a message for the person at the terminal. */
  static final class AttachException extends Exception {
    AttachException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Class<?> virtualMachine;
  private final Class<?> descriptor;

  private Attacher(Class<?> virtualMachine, Class<?> descriptor) {
    this.virtualMachine = virtualMachine;
    this.descriptor = descriptor;
  }

  static Attacher load() throws AttachException {
    ClassLoader loader = Attacher.class.getClassLoader();
    try {
      return new Attacher(
          Class.forName("com.sun.tools.attach.VirtualMachine", true, loader),
          Class.forName("com.sun.tools.attach.VirtualMachineDescriptor", true, loader));
    } catch (ClassNotFoundException notInRuntime) {
      // Java 8: the JDK keeps the API in lib/tools.jar, beside the jre directory.
      File tools = new File(System.getProperty("java.home"), "../lib/tools.jar");
      if (tools.isFile()) {
        try {
          URLClassLoader withTools = new URLClassLoader(new URL[] {tools.toURI().toURL()}, loader);
          return new Attacher(
              Class.forName("com.sun.tools.attach.VirtualMachine", true, withTools),
              Class.forName("com.sun.tools.attach.VirtualMachineDescriptor", true, withTools));
        } catch (Exception e) {
          throw new AttachException("cannot load the attach API from " + tools + ": " + e, e);
        }
      }
      throw new AttachException(
          "this Java runtime has no attach API (module jdk.attach): run the command with a JDK's java",
          notInRuntime);
    }
  }

  /** The JVMs of this user on this machine that accept an attach. */
  List<Jvm> list() throws AttachException {
    List<Jvm> jvms = new ArrayList<>();
    try {
      for (Object found : (List<?>) virtualMachine.getMethod("list").invoke(null)) {
        jvms.add(
            new Jvm(
                (String) descriptor.getMethod("id").invoke(found),
                (String) descriptor.getMethod("displayName").invoke(found)));
      }
    } catch (InvocationTargetException e) {
      throw new AttachException("cannot list the JVMs: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AttachException("cannot list the JVMs: " + e, e);
    }
    return jvms;
  }

  /**
   * Loads {@code agentJar} into the JVM {@code pid} with these agent arguments; returns when its
   * agentmain has run.
   */
  void loadAgent(String pid, String agentJar, String arguments) throws AttachException {
    Object machine;
    try {
      machine = virtualMachine.getMethod("attach", String.class).invoke(null, pid);
    } catch (InvocationTargetException e) {
      throw new AttachException(
          "cannot attach to JVM "
              + pid
              + ": "
              + e.getCause().getMessage()
              + " (is it running as this user, and started without -XX:+DisableAttachMechanism?)",
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AttachException("cannot attach to JVM " + pid + ": " + e, e);
    }
    try {
      Method load = virtualMachine.getMethod("loadAgent", String.class, String.class);
      load.invoke(machine, agentJar, arguments);
    } catch (InvocationTargetException e) {
      throw new AttachException(
          "JVM " + pid + " could not load the agent: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AttachException("JVM " + pid + " could not load the agent: " + e, e);
    } finally {
      try {
        virtualMachine.getMethod("detach").invoke(machine);
      } catch (ReflectiveOperationException ignored) {
        // the agent is loaded or not either way; detaching only frees the connection
      }
    }
  }
}
