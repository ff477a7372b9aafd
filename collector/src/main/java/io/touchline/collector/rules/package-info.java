/**
 * The rules file ({@code rules.yaml}): what Touchline does when a journey takes a turn. The YAML is
 * bound strictly ({@link RulesYaml}), then checked and compiled ({@link RulesLoader}) into an
 * immutable {@link RuleSet}: steps, windows, CEL predicates ({@link WherePredicate}), action
 * templates ({@link ActionTemplate}), targets with their secrets resolved, the contact policy, and
 * each rule's content {@linkplain RuleVersion version}. Every mistake names the file, the line and
 * the field. {@link RulesSource} keeps the set in force and replaces it when the file changes.
 *
 * <p>Pure definition and validation: no JDBC, no HTTP server, no DuckDB (checked by {@code
 * PackageRulesTest}). Deciding and delivering are the engine's; it reads this package's model.
 * Depends on {@code config} (durations, YAML error places) and {@code log} only.
 */
package io.touchline.collector.rules;
