package io.rbacaudit.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The capability grants one actor holds, by capability, in grant order. Mutable while the graph is built. */
final class Capabilities {

  private final Map<Capability, List<CapabilityGrant>> byCapability = new EnumMap<>(Capability.class);

  static Capabilities of(Collection<CapabilityGrant> grants) {
    Capabilities c = new Capabilities();
    grants.forEach(c::add);
    return c;
  }

  void add(CapabilityGrant g) {
    byCapability.computeIfAbsent(g.capability(), k -> new ArrayList<>()).add(g);
  }

  void addAll(Capabilities other) {
    other.byCapability.values().forEach(list -> list.forEach(this::add));
  }

  boolean isEmpty() {
    return byCapability.isEmpty();
  }

  boolean has(Capability c) {
    return byCapability.containsKey(c);
  }

  List<CapabilityGrant> all(Capability c) {
    return byCapability.getOrDefault(c, List.of());
  }

  /**
   * The first grant allowing the request in {@code namespace} (null: cluster-scoped) with {@code name} (null: a
   * request without a name).
   */
  Optional<CapabilityGrant> find(Capability c, String namespace, String name) {
    for (CapabilityGrant g : all(c)) {
      if (g.appliesIn(namespace) && g.allowsName(name)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The first grant in {@code namespace} for some name: the attacker names the object it creates itself. */
  Optional<CapabilityGrant> findChosenName(Capability c, String namespace) {
    for (CapabilityGrant g : all(c)) {
      if (g.appliesIn(namespace)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** Whether some grant of {@code c} applies in every namespace (through a ClusterRoleBinding). */
  boolean everywhere(Capability c) {
    return all(c).stream().anyMatch(g -> g.scope() == null);
  }

  /** The namespaces where a RoleBinding grants {@code c}, sorted. */
  Set<String> namespaces(Capability c) {
    Set<String> out = new TreeSet<>();
    for (CapabilityGrant g : all(c)) {
      if (g.scope() != null) {
        out.add(g.scope());
      }
    }
    return out;
  }
}
