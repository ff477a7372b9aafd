package io.touchline.agent.export;

/** The agent's version, from the jar manifest (absent when running from classes in tests). */
final class AgentVersion {

  private AgentVersion() {}

  static String get() {
    String version = AgentVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
