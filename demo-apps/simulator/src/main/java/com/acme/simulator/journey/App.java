package com.acme.simulator.journey;

/** The demo's channel applications (docs/demo.md), with the channel each stands for. */
public enum App {
  SHOP("web-shop", "web", 8081),
  CALL_CENTER("call-center", "call-center", 8082),
  MOBILE("mobile-backend", "mobile", 8083),
  MAILER("mailer", "email", 8084);

  private final String service;
  private final String channel;
  private final int defaultPort;

  App(String service, String channel, int defaultPort) {
    this.service = service;
    this.channel = channel;
    this.defaultPort = defaultPort;
  }

  public String service() {
    return service;
  }

  public String channel() {
    return channel;
  }

  public String defaultUrl() {
    return "http://127.0.0.1:" + defaultPort;
  }
}
