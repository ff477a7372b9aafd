/**
 * agent.yaml read into immutable settings, with SnakeYAML's composer only. It parses paths,
 * conditions and key rules into {@code capture}'s types, so each error names its line, and may use
 * nothing else of the agent's but {@code log}.
 */
package io.touchline.agent.config;
