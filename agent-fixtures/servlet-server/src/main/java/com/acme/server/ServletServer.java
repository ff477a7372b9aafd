package com.acme.server;

import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * {@code java -jar servlet-server.jar <app.war> <context path>}: deploys the WAR on a free port,
 * prints {@code listening on http://127.0.0.1:<port><context path>}, and serves until stopped.
 */
public final class ServletServer {

  private ServletServer() {}

  public static void main(String[] args) throws Exception {
    File war = new File(args[0]).getAbsoluteFile();
    String contextPath = args[1];
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    tomcat.getHost().setAppBase(tomcat.getServer().getCatalinaBase().getAbsolutePath());
    Context context = tomcat.addWebapp(contextPath, war.getPath());
    context.setParentClassLoader(ServletServer.class.getClassLoader());
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      System.err.println("could not start: " + e);
      System.exit(1);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    tomcat.stop();
                  } catch (LifecycleException ignored) {
                    // stopping anyway
                  }
                }));
    System.out.println("listening on http://127.0.0.1:" + connector.getLocalPort() + contextPath);
    tomcat.getServer().await();
  }
}
