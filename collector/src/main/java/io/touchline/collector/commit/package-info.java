/**
 * What happens after a store commit: {@code CommitPublisher} hands each committed batch to the
 * listeners in order (views' columns, profile index, live feed), isolates and rebuilds a failing
 * one, and reports their health; the feeds that keep the index and the columns up to date and
 * rebuild them from the store. May use {@code store}, {@code stitch}, {@code journey}, {@code
 * live}.
 */
package io.touchline.collector.commit;
