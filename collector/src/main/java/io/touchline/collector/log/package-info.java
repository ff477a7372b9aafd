/**
 * The collector's log lines ({@code touchline collector: ...}). Used by every package; uses none.
 */
package io.touchline.collector.log;
