package io.rbacaudit.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything loaded from one source: the objects, what was skipped, and the problems met on the way. Immutable;
 * lists are in input order (files sorted by path, documents in file order).
 *
 * @param sources the files (relative paths as given), {@code -} for stdin, or cluster contexts
 * @param skippedKinds kinds that were read but are not analysed (CRDs, ConfigMaps, ...), with their counts
 */
public record Inventory(
    List<Role> roles,
    List<Binding> bindings,
    List<ServiceAccount> serviceAccounts,
    List<Secret> secrets,
    List<Namespace> namespaces,
    List<Workload> workloads,
    List<String> sources,
    Map<String, Integer> skippedKinds,
    List<Problem> problems) {

  public Inventory {
    roles = List.copyOf(roles);
    bindings = List.copyOf(bindings);
    serviceAccounts = List.copyOf(serviceAccounts);
    secrets = List.copyOf(secrets);
    namespaces = List.copyOf(namespaces);
    workloads = List.copyOf(workloads);
    sources = List.copyOf(sources);
    skippedKinds = java.util.Collections.unmodifiableMap(new TreeMap<>(skippedKinds));
    problems = List.copyOf(problems);
  }

  public static Inventory empty() {
    return new Inventory(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}
