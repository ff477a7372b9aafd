/**
 * {@code collector.yaml} bound strictly (Jackson) into validated records; errors name file, line
 * and field. Depends on no other collector package.
 */
package io.touchline.collector.config;
