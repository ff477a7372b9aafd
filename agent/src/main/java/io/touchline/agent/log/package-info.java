/**
 * The agent's own {@code [touchline]} messages, on stderr or a file. Every package logs through it,
 * so it uses nothing of the agent's and no library, only the JDK.
 */
package io.touchline.agent.log;
