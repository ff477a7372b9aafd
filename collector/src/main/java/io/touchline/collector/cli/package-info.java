/**
 * The jar's commands besides running the collector: {@code check-rules}. A command reads what the
 * collector reads (the rules file through {@code rules}) and may ask a running collector's API as
 * any client would; it starts no collector.
 */
package io.touchline.collector.cli;
