package io.rbacaudit.rbac;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A role's rules as a resources x verbs matrix, exactly as written: a {@code *} verb, resource or group stays a
 * {@code *} row or column (it is not expanded into names it would cover), and a rule limited by resourceNames marks
 * its cells as limited, with the names. Inside a namespace (a RoleBinding) non-resource URLs and the cluster-scoped
 * resources of the standard table are left out: they grant nothing there (spec/rbac-semantics.md).
 */
public final class AccessMatrix {

  private AccessMatrix() {}

  /**
   * One cell: {@code verb} on {@code row}.
   *
   * @param row {@code resource[/subresource]} followed by {@code .group} unless the group is the core one
   *     ({@code pods}, {@code deployments.apps}, {@code *.*}), or a non-resource URL ({@code /metrics})
   * @param url whether {@code row} is a non-resource URL
   * @param resourceNames empty when the verb applies to every object of the row; otherwise the only names it applies to
   * @param location the first rule that grants the cell
   */
  public record Cell(String row, String verb, boolean url, List<String> resourceNames, Location location) {
    public Cell {
      Objects.requireNonNull(row, "row");
      Objects.requireNonNull(verb, "verb");
      resourceNames = List.copyOf(resourceNames);
    }

    public boolean wildcard() {
      return verb.equals("*") || row.startsWith("*") || row.endsWith(".*") || row.endsWith("/*");
    }
  }

  private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::url).thenComparing(Cell::row)
      .thenComparing(Cell::verb);

  /**
   * @param namespaced whether the rules are granted inside one namespace (through a RoleBinding)
   */
  public static List<Cell> of(List<EffectiveRule> rules, boolean namespaced, ResourceTable table) {
    Map<String, Builder> cells = new LinkedHashMap<>();
    for (EffectiveRule effective : rules) {
      PolicyRule rule = effective.rule();
      for (String verb : rule.verbs()) {
        for (String group : rule.apiGroups()) {
          for (String resource : rule.resources()) {
            if (!(namespaced && clusterScoped(table, group, resource))) {
              add(cells, row(group, resource), verb, false, rule);
            }
          }
        }
        if (!namespaced) {
          for (String url : rule.nonResourceURLs()) {
            add(cells, url, verb, true, rule);
          }
        }
      }
    }
    List<Cell> out = new ArrayList<>(cells.size());
    cells.values().forEach(b -> out.add(b.cell()));
    out.sort(ORDER);
    return out;
  }

  static String row(String group, String resource) {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  private static boolean clusterScoped(ResourceTable table, String group, String resource) {
    if (group.equals("*") || resource.startsWith("*")) {
      return false;
    }
    int slash = resource.indexOf('/');
    String base = slash < 0 ? resource : resource.substring(0, slash);
    return table.entries().stream()
        .anyMatch(e -> e.group().equals(group) && e.resource().equals(base) && !e.namespaced());
  }

  private static void add(Map<String, Builder> cells, String row, String verb, boolean url, PolicyRule rule) {
    Builder b = cells.computeIfAbsent((url ? "u:" : "r:") + row + "\u0000" + verb,
        k -> new Builder(row, verb, url, rule.location()));
    if (url || rule.resourceNames().isEmpty()) {
      b.unlimited = true;
    } else {
      b.names.addAll(rule.resourceNames());
    }
  }

  private static final class Builder {
    final String row;
    final String verb;
    final boolean url;
    final Location location;
    final TreeSet<String> names = new TreeSet<>();
    boolean unlimited;

    Builder(String row, String verb, boolean url, Location location) {
      this.row = row;
      this.verb = verb;
      this.url = url;
      this.location = location;
    }

    Cell cell() {
      return new Cell(row, verb, url, unlimited ? List.of() : List.copyOf(names), location);
    }
  }
}
