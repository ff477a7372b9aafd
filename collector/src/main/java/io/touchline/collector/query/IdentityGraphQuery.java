package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ProfileLookup;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A profile's identity graph: its keys, the links between them and the touchpoints that made each.
 */
final class IdentityGraphQuery {

  private final ProfileQuery profiles;
  private final TouchpointStore store;
  private final ProfileLookup index;

  IdentityGraphQuery(ProfileQuery profiles, TouchpointStore store, ProfileLookup index) {
    this.profiles = profiles;
    this.store = store;
    this.index = index;
  }

  /**
   * The keys of the profile with this id and why they are one customer: each link between two of
   * its keys with the touchpoints that carried both, shared keys with the profiles they are also
   * listed on, and the refused links.
   */
  public Optional<GraphView> graph(String id) {
    Optional<ProfileView> profile = profiles.byId(id, new Page(1, null));
    if (profile.isEmpty()) {
      return Optional.empty();
    }
    long fingerprint = KeyHashes.fingerprint(id.substring(2));
    long[] sequences = index.touchpointsOf(fingerprint);
    List<Touchpoint> touchpoints;
    try (StoreReader reader = store.reader()) {
      touchpoints = reader.touchpointsBySequence(sequences);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    List<GraphView.Node> nodes = new ArrayList<>();
    for (ProfileView.KeyView key : profile.get().keys()) {
      List<String> others = new ArrayList<>();
      if (key.shared()) {
        long shared = KeyHashes.fingerprint(new CustomerKey(key.type(), key.value()));
        List<Touchpoint> onProfiles;
        try (StoreReader reader = store.reader()) {
          onProfiles = reader.touchpointsBySequence(index.profilesSharing(shared));
        } catch (SQLException e) {
          throw new StoreException(e);
        }
        for (Touchpoint touchpoint : onProfiles) {
          Optional<CustomerKey> member = profiles.profileKeyOf(touchpoint);
          if (member.isPresent()) {
            profiles
                .idOfProfileHolding(member.get())
                .filter(other -> !other.equals(profile.get().id()))
                .ifPresent(others::add);
          }
        }
      }
      nodes.add(
          new GraphView.Node(
              key.type() + ":" + key.value(),
              key.shared(),
              others.stream().distinct().sorted().toList()));
    }
    // Links between keys of this profile that are not shared, as the touchpoints carried them.
    Map<String, List<Touchpoint>> evidence = new TreeMap<>();
    for (Touchpoint touchpoint : touchpoints) {
      List<String> members = new ArrayList<>();
      touchpoint
          .keys()
          .forEach(
              (type, values) ->
                  values.forEach(
                      value -> {
                        CustomerKey key = new CustomerKey(type, value);
                        long keyFingerprint = KeyHashes.fingerprint(key);
                        if (!index.isShared(keyFingerprint)
                            && index.belongsWith(keyFingerprint, fingerprint)) {
                          members.add(type + ":" + value);
                        }
                      }));
      members.sort(null);
      for (int i = 0; i < members.size(); i++) {
        for (int j = i + 1; j < members.size(); j++) {
          evidence
              .computeIfAbsent(
                  members.get(i) + "\u0000" + members.get(j), pair -> new ArrayList<>())
              .add(touchpoint);
        }
      }
    }
    List<GraphView.Link> links = new ArrayList<>();
    evidence.forEach(
        (pair, carried) -> {
          String[] keys = pair.split("\u0000");
          links.add(
              new GraphView.Link(
                  keys[0],
                  keys[1],
                  carried.size(),
                  carried.stream()
                      .limit(GraphView.EVIDENCE)
                      .map(
                          t ->
                              new GraphView.Evidence(
                                  ProfileQuery.time(t.eventTimeNanos()),
                                  t.touchpoint(),
                                  t.channel(),
                                  t.traceId(),
                                  t.spanId()))
                      .toList()));
        });
    return Optional.of(new GraphView(profile.get().id(), nodes, links, profile.get().conflicts()));
  }
}
