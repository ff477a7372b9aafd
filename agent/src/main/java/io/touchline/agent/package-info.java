/**
 * The agent's entry points and wiring: {@code TouchlineAgent} (premain/agentmain), {@code
 * AgentInstaller} and {@code ConfigReloader}. It may use every sub-package; no sub-package uses it.
 */
package io.touchline.agent;
