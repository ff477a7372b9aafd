package io.touchline.collector.rules;

import java.util.Optional;

/**
 * What a rule sends: a request to a target, its path and body filled from the decision.
 *
 * @param target the name of a target of the same file
 * @param path appended to the target's URL, each value URL-encoded; empty for the URL as it is
 * @param body the request body, JSON, each value JSON-escaped; empty for no body
 */
public record Action(String target, Optional<ActionTemplate> path, Optional<ActionTemplate> body) {}
