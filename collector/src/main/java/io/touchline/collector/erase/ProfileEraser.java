package io.touchline.collector.erase;

import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.query.Page;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.ProfileView;
import io.touchline.collector.stitch.ProfileLookup;
import io.touchline.collector.store.Erasure;
import io.touchline.collector.store.ErasureRecord;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Erases a customer (a data subject's right to erasure) by any of their keys: the profile holding
 * the key, with every stored touchpoint that carries one of its own keys. Keys the profile shares
 * with other customers are kept, since they are theirs too. A dry run answers exactly what the
 * erasure would remove; the erasure decides again under the store's lock, so nothing that arrived
 * in between escapes it.
 */
public final class ProfileEraser {

  private final ProfileQuery profiles;
  private final TouchpointStore store;
  private final ProfileLookup index;
  private final BooleanSupplier indexCurrent;

  /**
   * @param indexCurrent whether the profile index holds every stored touchpoint (it may rebuild it
   *     first); asked while no batch is written
   */
  public ProfileEraser(
      ProfileQuery profiles,
      TouchpointStore store,
      ProfileLookup index,
      BooleanSupplier indexCurrent) {
    this.profiles = profiles;
    this.store = store;
    this.index = index;
    this.indexCurrent = indexCurrent;
  }

  /** What erasing the profile holding {@code key} would remove; empty when no profile holds it. */
  public Optional<ErasureView> dryRun(CustomerKey key) {
    try {
      store.whileWritesWait(
          () -> {
            requireCurrentIndex();
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    return plan(key, null).map(plan -> plan.view(null));
  }

  /** An erasure planned from an index that is behind could leave some of the touchpoints stored. */
  private void requireCurrentIndex() {
    if (!indexCurrent.getAsBoolean()) {
      throw new ErasureUnavailableException(
          "the profile index is behind the store (see /api/health), so an erasure could miss"
              + " touchpoints; nothing was erased, try again later");
    }
  }

  /**
   * Erases the profile holding {@code key}; empty when no profile holds it.
   *
   * @param tokenName the name of the token the erasure was asked with, for the audit record and the
   *     log
   */
  public Optional<ErasureView> erase(CustomerKey key, String tokenName) {
    try {
      return store.whileWritesWait(
          () -> {
            requireCurrentIndex();
            Optional<Plan> plan = plan(key, tokenName);
            if (plan.isEmpty()) {
              return Optional.empty();
            }
            Instant at = store.erase(plan.get().erasure());
            CollectorLog.info(
                "erased profile "
                    + plan.get().erasure().profileId()
                    + " (asked by "
                    + key.type()
                    + " key, with token "
                    + tokenName
                    + "): "
                    + plan.get().spans().size()
                    + " touchpoints, "
                    + plan.get().erasure().keys().size()
                    + " keys; "
                    + plan.get().erasure().sharedKeysKept()
                    + " shared keys kept");
            return Optional.of(
                plan.get()
                    .view(ProfileQuery.time(at.getEpochSecond() * 1_000_000_000L + at.getNano())));
          });
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * One audit record as {@code GET /api/erasures} answers it: no key value, only the key's type.
   *
   * @param tokenName the name of the token the erasure was asked with ({@code anonymous} when the
   *     API asked for none); null for erasures recorded before the collector kept it
   */
  public record AuditView(
      String erasedAt,
      String requestedBy,
      String profileId,
      long touchpoints,
      int keys,
      int sharedKeysKept,
      String tokenName) {}

  /** The audit trail: every erasure, newest first. */
  public List<AuditView> erasures() {
    List<ErasureRecord> records;
    try (StoreReader reader = store.reader()) {
      records = reader.erasures();
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    return records.stream()
        .map(
            r ->
                new AuditView(
                    ProfileQuery.time(
                        r.erasedAt().getEpochSecond() * 1_000_000_000L + r.erasedAt().getNano()),
                    r.requestedBy(),
                    r.profileId(),
                    r.touchpoints(),
                    r.keys(),
                    r.sharedKeysKept(),
                    r.tokenName()))
        .toList();
  }

  /**
   * @param tokenName the name of the token the erasure is asked with; null on a dry run
   */
  private Optional<Plan> plan(CustomerKey key, String tokenName) {
    Optional<ProfileView> found = profiles.byKey(key, new Page(1, null));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ProfileView profile = found.get();
    List<CustomerKey> own = new ArrayList<>();
    List<String> sharedKept = new ArrayList<>();
    for (ProfileView.KeyView view : profile.keys()) {
      CustomerKey stored = new CustomerKey(view.type(), view.value());
      if (view.shared()) {
        sharedKept.add(stored.toString());
      } else {
        own.add(stored);
      }
    }
    long[] sequences =
        index.touchpointsCarrying(own.stream().mapToLong(k -> KeyHashes.fingerprint(k)).toArray());
    List<Touchpoint> touchpoints;
    try (StoreReader reader = store.reader()) {
      touchpoints = reader.touchpointsBySequence(sequences);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    List<ErasureView.Span> spans =
        touchpoints.stream()
            .sorted(Comparator.comparingLong(Touchpoint::eventTimeNanos))
            .map(
                t ->
                    new ErasureView.Span(
                        ProfileQuery.time(t.eventTimeNanos()),
                        t.touchpoint(),
                        t.channel(),
                        t.traceId(),
                        t.spanId()))
            .toList();
    return Optional.of(
        new Plan(
            new Erasure(key.type(), tokenName, profile.id(), sequences, own, sharedKept.size()),
            sharedKept,
            spans));
  }

  private record Plan(Erasure erasure, List<String> sharedKept, List<ErasureView.Span> spans) {
    ErasureView view(String erasedAt) {
      Map<String, Long> byChannel = new TreeMap<>();
      spans.forEach(span -> byChannel.merge(span.channel(), 1L, Long::sum));
      return new ErasureView(
          erasedAt == null,
          erasedAt,
          List.of(erasure.profileId()),
          erasure.keys().stream().map(CustomerKey::toString).toList(),
          sharedKept,
          spans.size(),
          byChannel,
          spans);
    }
  }
}
