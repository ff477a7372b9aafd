/**
 * The jar's command line: {@code check}, {@code list} and {@code attach}. It may use every other
 * sub-package but not the root package; only the root package may use it.
 */
package io.touchline.agent.cli;
