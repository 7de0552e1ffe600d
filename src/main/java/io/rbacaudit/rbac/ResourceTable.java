package io.rbacaudit.rbac;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A built-in table of the standard Kubernetes resources of a current release, read from the bundled
 * {@code resources.tsv} (whose header says which release and where the facts come from). Names resolve as kubectl's
 * discovery REST mapper resolves them: a plural or singular name anywhere wins over a short name, and among several
 * matches the table's order (core group first) decides.
 */
public final class ResourceTable {

  static final String RESOURCE_FILE = "resources.tsv";
  private static final String NONE = "-";
  private static final int COLUMNS = 6;

  /**
   * One resource. {@code group} is {@code ""} for the core group; the singular name is the lower-cased kind, as for
   * every built-in type.
   */
  public record Entry(
      String resource,
      String group,
      boolean namespaced,
      String kind,
      List<String> shortNames,
      List<String> subresources) {

    public Entry {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(kind, "kind");
      shortNames = List.copyOf(shortNames);
      subresources = List.copyOf(subresources);
    }

    public String singular() {
      return kind.toLowerCase(Locale.ROOT);
    }

    /** {@code pods}, or {@code deployments.apps}: the form a user can type to name exactly this entry. */
    public String qualifiedName() {
      return group.isEmpty() ? resource : resource + "." + group;
    }
  }

  private static final class Standard {
    static final ResourceTable TABLE = load();
  }

  private final List<Entry> entries;
  private final Map<String, List<Entry>> byResource = new HashMap<>();

  private ResourceTable(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    for (Entry e : this.entries) {
      byResource.computeIfAbsent(e.resource(), k -> new ArrayList<>()).add(e);
    }
  }

  /** The bundled table; loaded once. */
  public static ResourceTable standard() {
    return Standard.TABLE;
  }

  /** A table of the given entries; their order is the priority among names that match in several groups. */
  public static ResourceTable of(List<Entry> entries) {
    return new ResourceTable(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The entries whose plural name is {@code resource}, one per group, in table order. */
  public List<Entry> withResource(String resource) {
    return byResource.getOrDefault(resource, List.of());
  }

  /**
   * Finds a resource by plural name, singular name, kind (case-insensitive) or short name.
   *
   * @param groupOrNull the group to look in ({@code ""} = core), or null for any group
   */
  public Optional<Entry> lookup(String resourceOrAlias, String groupOrNull) {
    if (resourceOrAlias == null || resourceOrAlias.isEmpty()) {
      return Optional.empty();
    }
    String name = resourceOrAlias.toLowerCase(Locale.ROOT);
    String group = groupOrNull == null ? null : groupOrNull.toLowerCase(Locale.ROOT);
    // kubectl's shortcut expander leaves a name alone when it is a full plural or singular name in any group.
    Optional<Entry> full = first(group, e -> e.resource().equals(name) || e.singular().equals(name));
    return full.isPresent() ? full : first(group, e -> e.shortNames().contains(name));
  }

  private Optional<Entry> first(String group, Predicate<Entry> matches) {
    return entries.stream()
        .filter(e -> group == null || e.group().equals(group))
        .filter(matches)
        .findFirst();
  }

  private static ResourceTable load() {
    try (InputStream in = ResourceTable.class.getResourceAsStream(RESOURCE_FILE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource table " + RESOURCE_FILE + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(reader.lines().toList(), RESOURCE_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads table lines; a malformed line is a bug in the bundled file, so it fails loudly with its line number.
   *
   * @throws IllegalStateException naming {@code source:line} and what is wrong
   */
  static ResourceTable parse(List<String> lines, String source) {
    List<Entry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ":" + (i + 1) + ": ";
      Entry entry = parseLine(line.split("\\s+"), where);
      if (!seen.add(entry.qualifiedName())) {
        throw new IllegalStateException(where + "duplicate resource " + entry.qualifiedName());
      }
      entries.add(entry);
    }
    return new ResourceTable(entries);
  }

  private static Entry parseLine(String[] fields, String where) {
    if (fields.length != COLUMNS) {
      throw new IllegalStateException(
          where + "expected " + COLUMNS + " columns (resource group namespaced kind shortNames subresources), found "
              + fields.length);
    }
    String namespaced = fields[2];
    if (!namespaced.equals("true") && !namespaced.equals("false")) {
      throw new IllegalStateException(where + "namespaced must be true or false, found " + namespaced);
    }
    String resource = fields[0];
    if (!resource.equals(resource.toLowerCase(Locale.ROOT))) {
      throw new IllegalStateException(where + "resource names are lower case, found " + resource);
    }
    String group = fields[1].equals(NONE) ? "" : fields[1];
    return new Entry(resource, group, Boolean.parseBoolean(namespaced), fields[3], list(fields[4]), list(fields[5]));
  }

  private static List<String> list(String field) {
    return field.equals(NONE) ? List.of() : List.of(field.split(","));
  }
}
