package io.touchline.collector.stitch;

import io.touchline.collector.model.TouchpointKeys;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides groups of the profile index anew from all of their touchpoints, replacing what the index
 * held for them: the slow path, for a group that a late touchpoint, a refused link or a shared key
 * leaves to the rules ({@link ComponentResolver}), and for the groups an erasure touched. Memory
 * holds only the touchpoints' numbers, so their keys are read back from the store. Called by the
 * writer under the write lock.
 */
final class GroupResolver {

  private static final int AMBIGUOUS = ComponentResolver.AMBIGUOUS;

  private final IdentityTables tables;
  private final IdentityCensus census;

  /**
   * Reads a group's touchpoints back when it must be decided anew: memory holds only their numbers.
   */
  private final ProfileIndex.TouchpointSource source;

  GroupResolver(
      IdentityTables tables, IdentityCensus census, ProfileIndex.TouchpointSource source) {
    this.tables = tables;
    this.census = census;
    this.source = source;
  }

  /**
   * Decides a group's profiles anew from all of its touchpoints, replacing what it had.
   *
   * @param waiting the group's touchpoints of this commit that are in no profile yet, or null
   * @param fresh this commit's touchpoints by sequence number: these need not be read back
   */
  void resolve(int group, LongArrayList waiting, Long2ObjectOpenHashMap<TouchpointKeys> fresh) {
    IntArrayList members = tables.keysOfGroup(group);
    LongArrayList sequences = new LongArrayList();
    IdentityCensus.Figures old = currentFigures(members, sequences);
    census.groupDecided(waiting == null ? 0 : waiting.size(), sequences.size());
    if (waiting != null) {
      sequences.addAll(waiting);
    }
    List<TouchpointKeys> touchpoints = entriesOf(sequences, fresh);
    census.remove(old);
    Int2ObjectOpenHashMap<Integer> local = new Int2ObjectOpenHashMap<>(members.size());
    ComponentResolver.Key[] resolverKeys = new ComponentResolver.Key[members.size()];
    for (int i = 0; i < members.size(); i++) {
      int key = members.getInt(i);
      local.put(key, Integer.valueOf(i));
      resolverKeys[i] =
          new ComponentResolver.Key(
              tables.keyFingerprint.getLong(key),
              tables.keyPriority.getInt(key),
              tables.limitByPriority[tables.keyPriority.getInt(key)]);
      tables.forgetDecision(key); // what the group had decided
    }
    ComponentResolver.Touchpoint[] resolverTouchpoints =
        new ComponentResolver.Touchpoint[touchpoints.size()];
    for (int i = 0; i < touchpoints.size(); i++) {
      TouchpointKeys entry = touchpoints.get(i);
      int[] carried = new int[entry.keyFingerprints().length];
      for (int j = 0; j < carried.length; j++) {
        carried[j] = local.get(tables.keyNumber.get(entry.keyFingerprints()[j]));
      }
      resolverTouchpoints[i] =
          new ComponentResolver.Touchpoint(entry.eventNanos(), entry.idHash(), carried);
    }
    long[] profileOf = new long[touchpoints.size()];
    ComponentResolver.Resolution resolution =
        ComponentResolver.resolve(resolverKeys, resolverTouchpoints);

    IdentityCensus.Figures figures = new IdentityCensus.Figures();
    for (int i = 0; i < members.size(); i++) {
      int key = members.getInt(i);
      int root = members.getInt(resolution.rootOfKey()[i]);
      tables.profiles.link(key, root);
      int[] counts = tables.profileCounts.computeIfAbsent(root, r -> new int[tables.priorities]);
      counts[tables.keyPriority.getInt(key)]++;
      if (resolution.shared()[i]) {
        tables.shared.set(key);
        figures.sharedKeys++;
      }
    }
    for (int i = 0; i < touchpoints.size(); i++) {
      long t = touchpoints.get(i).sequence();
      int profile = resolution.profileOfTouchpoint()[i];
      if (profile == AMBIGUOUS) {
        profileOf[i] = AMBIGUOUS;
        figures.ambiguous++;
        for (int k : resolverTouchpoints[i].keys()) {
          tables.ambiguousOf.computeIfAbsent(members.getInt(k), x -> new LongArrayList(1)).add(t);
        }
        continue;
      }
      int root = members.getInt(profile);
      profileOf[i] = root;
      LongArrayList list = tables.profileTouchpoints.get(root);
      if (list == null) {
        list = new LongArrayList(2);
        tables.profileTouchpoints.put(root, list);
        figures.profiles++;
      }
      list.add(t);
      figures.keyed++;
      if (tables.isIdentified(root)) {
        figures.identified++;
      }
      for (int k : resolverTouchpoints[i].keys()) {
        if (resolution.shared()[k]) {
          IntArrayList on =
              tables.sharedOn.computeIfAbsent(members.getInt(k), x -> new IntArrayList(2));
          if (!on.contains(root)) {
            on.add(root);
          }
        }
      }
    }
    for (ComponentResolver.Conflict conflict : resolution.conflicts()) {
      long t = touchpoints.get(conflict.touchpoint()).sequence();
      long profile = profileOf[conflict.touchpoint()];
      String rule = ruleOf(members.getInt(conflict.limitedKey()));
      ProfileIndex.Conflict recorded =
          new ProfileIndex.Conflict(
              t, tables.keyFingerprint.getLong(members.getInt(conflict.refusedKey())), rule);
      int holder =
          profile >= 0
              ? (int) profile
              : members.getInt(resolution.rootOfKey()[conflict.limitedKey()]);
      tables.profileConflicts.computeIfAbsent(holder, r -> new ArrayList<>()).add(recorded);
      figures.conflicts++;
    }
    census.add(figures);
  }

  /**
   * What a group counts for in the whole-store figures as it stands, and its touchpoints (into
   * {@code sequences}): those of its keys' profiles, and the ambiguous ones.
   */
  private IdentityCensus.Figures currentFigures(IntArrayList members, LongArrayList sequences) {
    IdentityCensus.Figures figures = new IdentityCensus.Figures();
    IntOpenHashSet roots = new IntOpenHashSet();
    LongOpenHashSet ambiguous = new LongOpenHashSet();
    for (int i = 0; i < members.size(); i++) {
      int key = members.getInt(i);
      if (tables.shared.get(key)) {
        figures.sharedKeys++;
      }
      LongArrayList onlyShared = tables.ambiguousOf.get(key);
      if (onlyShared != null) {
        ambiguous.addAll(onlyShared);
      }
      int root = tables.profiles.find(key);
      if (roots.add(root)) {
        LongArrayList list = tables.profileTouchpoints.get(root);
        if (list != null) {
          figures.profiles++;
          figures.keyed += list.size();
          if (tables.isIdentified(root)) {
            figures.identified += list.size();
          }
          sequences.addAll(list);
        }
        List<ProfileIndex.Conflict> conflicts = tables.profileConflicts.get(root);
        if (conflicts != null) {
          figures.conflicts += conflicts.size();
        }
      }
    }
    figures.ambiguous = ambiguous.size();
    sequences.addAll(ambiguous);
    return figures;
  }

  /** The group's touchpoints: this commit's from memory, older ones read back from the source. */
  private List<TouchpointKeys> entriesOf(
      LongArrayList sequences, Long2ObjectOpenHashMap<TouchpointKeys> fresh) {
    List<TouchpointKeys> entries = new ArrayList<>(sequences.size());
    LongArrayList missing = new LongArrayList();
    for (int i = 0; i < sequences.size(); i++) {
      TouchpointKeys entry = fresh.get(sequences.getLong(i));
      if (entry != null) {
        entries.add(entry);
      } else {
        missing.add(sequences.getLong(i));
      }
    }
    if (!missing.isEmpty()) {
      List<TouchpointKeys> read = source.entries(missing.toLongArray());
      if (read.size() != missing.size()) {
        throw new IllegalStateException(
            "the store returned "
                + read.size()
                + " of "
                + missing.size()
                + " touchpoints of a group");
      }
      entries.addAll(read);
    }
    return entries;
  }

  private String ruleOf(int limitedKey) {
    int priority = tables.keyPriority.getInt(limitedKey);
    for (String name : tables.keyTypes.names()) {
      KeyType type = tables.keyTypes.named(name).orElseThrow();
      if (type.priority() == priority) {
        return type.maxPerProfile() == 1
            ? "unique " + name
            : "at most " + type.maxPerProfile() + " " + name;
      }
    }
    return "limit";
  }

  /**
   * Forgets the groups of these keys — their keys, profiles and figures — as an erasure needs: what
   * they decided no longer holds once some of their touchpoints are gone, and they may fall apart.
   * Returns the touchpoints they have left, read back from the store, for the rules to place again
   * as new ones.
   *
   * @param deleted the deleted touchpoints
   * @param keyFingerprints keys they carried, naming every group they were in
   */
  List<TouchpointKeys> forgetGroupsOf(long[] deleted, long[] keyFingerprints) {
    LongOpenHashSet gone = new LongOpenHashSet(deleted);
    IntOpenHashSet groups = tables.groupsOf(keyFingerprints);
    LongArrayList left = new LongArrayList();
    for (int group : groups) {
      IntArrayList members = tables.keysOfGroup(group);
      LongArrayList sequences = new LongArrayList();
      census.remove(currentFigures(members, sequences));
      for (int i = 0; i < sequences.size(); i++) {
        if (!gone.contains(sequences.getLong(i))) {
          left.add(sequences.getLong(i));
        }
      }
      for (int i = 0; i < members.size(); i++) {
        tables.forgetKey(members.getInt(i));
      }
      tables.groupKeys.remove(group);
    }
    return left.isEmpty() ? List.of() : source.entries(left.toLongArray());
  }
}
