package io.touchline.collector.erase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.ingest.TranslatedBatch;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.store.Database;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.collector.testing.IndexedStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An erasure is never planned from a profile index that is behind the store. */
class ProfileEraserTest {

  @TempDir Path dir;
  private Database database;
  private TouchpointStore store;

  @AfterEach
  void close() throws Exception {
    store.close();
    database.close();
  }

  @Test
  void refusesToEraseWhileTheIndexIsBehindAndErasesNothing() throws Exception {
    database = Database.open(dir.resolve("data"), "256MB");
    store = new TouchpointStore(database);
    IndexedStore indexed = IndexedStore.over(store);
    Touchpoint login =
        new Touchpoint(
            "00000000000000000000000000000001",
            "0000000000000001",
            1_764_000_000_000_000_000L,
            "login",
            "web",
            "web-shop",
            "success",
            Map.of("email", List.of("ann@example.com")),
            Map.of());
    store.write(new TranslatedBatch(List.of(new TranslatedBatch.Read(login, 0)), 0, 0, 0, ""));
    ProfileQuery profiles =
        new ProfileQuery(store, indexed.index().lookup(), KeyTypes.defaults(), null);
    boolean[] current = {false};
    ProfileEraser eraser =
        new ProfileEraser(profiles, store, indexed.index().lookup(), () -> current[0]);
    CustomerKey ann = new CustomerKey("email", "ann@example.com");

    assertThatThrownBy(() -> eraser.dryRun(ann))
        .isInstanceOf(ErasureUnavailableException.class)
        .hasMessageContaining("behind");
    assertThatThrownBy(() -> eraser.erase(ann, "dpo"))
        .isInstanceOf(ErasureUnavailableException.class);
    assertThat(indexed.profileTouchpoints(ann)).as("nothing erased").hasSize(1);

    current[0] = true;
    assertThat(eraser.erase(ann, "dpo")).isPresent();
    assertThat(indexed.profileTouchpoints(ann)).isEmpty();
  }
}
