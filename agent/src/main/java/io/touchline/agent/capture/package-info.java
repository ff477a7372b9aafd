/**
 * Reading keys and attributes from a finished call: the path language, {@code when} conditions and
 * the key rules of touchline-keys. It may use {@code metrics} and {@code log}, nothing of config,
 * instrument or export.
 */
package io.touchline.agent.capture;
