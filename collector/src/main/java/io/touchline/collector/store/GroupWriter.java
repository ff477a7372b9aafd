package io.touchline.collector.store;

import java.sql.SQLException;
import java.util.List;

/** Commits a group of encoded batches in one transaction: what the write queue's thread calls. */
interface GroupWriter {

  /** All of the group durably, or none of it and a thrown failure. */
  void writeEncoded(List<TouchpointStore.EncodedBatch> group) throws SQLException;

  /** Times the database was reopened: a failed write that reopened it leaves a fresh one. */
  default long reopens() {
    return 0;
  }
}
