/**
 * The wiring: {@code Main} reads the command line, {@code Collector} builds every part, registers
 * the store's commit listeners and owns every thread ({@code CollectorThreads}) and server. The
 * only package that knows all the others; none depends on it.
 */
package io.touchline.collector;
