package io.rbacaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.graph.PathLayout;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.AccessMatrix;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rbac.SubjectAccess;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleSpec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The data the HTML page's script renders, embedded once. A large cluster's report repeats the same names, files,
 * grants and sentences tens of thousands of times, so each is written once in a table and referred to by its index
 * (-1 for none), and each finding is a row (an array):
 *
 * <pre>
 * {"strings": [...], "locations": [[file, line] | [-1, 0, context, uid]], "refs": [[kind, name, namespace]],
 *  "roles": [[kind, name, namespace, builtIn]], "evidence": [[0, binding, bindingBuiltIn, role, aggregatedFrom,
 *  ruleIndex, location] | [1, object, location, note]], "rules": {id: {title, category, remediation, references}},
 *  "findings": [[fingerprint, rule, severity, message, subject, namespace, [evidence], status, suppression, latent,
 *  location, [relatedLocations], [workloads], snippet, path]], "paths": [{"n": [[x, y, type, name, namespace,
 *  label]], "e": [[from, to, edge, hop, location]], "w", "h"}], "access": {"profiles": [[role, namespaced, [[row,
 *  verb, url, [resourceNames], location]]]], "subjects": [[ref, [[binding, bindingBuiltIn, profile, namespace,
 *  via]]]]}}
 * </pre>
 *
 * Texts (message, snippet) are arrays of string indexes to join: each is cut at the names it shares with its finding
 * (subject, bindings, roles, workloads), so the sentence around them is stored once for every finding that says it.
 * Severities and statuses are indexes into {@link #SEVERITIES} and {@link #STATUSES}.
 */
final class HtmlData {

  static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
  static final List<String> STATUSES = List.of("open", "suppressed", "baseline");
  /** Names shorter than this are not cut out of sentences: too many words would match them. */
  private static final int SHORTEST_CUT = 3;
  private static final Comparator<String> LONGEST_FIRST = (a, b) -> Integer.compare(b.length(), a.length());

  private final Table<String> strings = new Table<>(null);
  private final Table<Location> locations = new Table<>(HtmlData::key);
  private final Table<ObjectRef> refs = new Table<>(HtmlData::key);
  private final Table<RoleId> roles = new Table<>(HtmlData::key);
  private final Table<Evidence> evidence = new Table<>(HtmlData::key);

  private HtmlData() {}

  /** The page's data as JSON, safe inside a {@code <script type="application/json">} element. */
  static String json(ScanResult r) {
    StringWriter out = new StringWriter(Math.max(1024, r.findings().size() * 256));
    try (JsonGenerator g = ScriptJson.generator(out)) {
      new HtmlData().write(r, g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Indexes values in first-seen order, by a string key: record hashes multiply by 31, so numbered names
   * ({@code svc-4} in {@code ns-00030}) collide in bulk, while a string's hash spreads them.
   */
  private static final class Table<T> {
    final Map<String, Integer> index = new HashMap<>();
    /** The same instances come back often (a rule's location, a finding's subject): no key to build for them. */
    final Map<T, Integer> seen = new IdentityHashMap<>();
    final List<T> values = new ArrayList<>();
    final Function<T, String> key;

    /** @param key a string that tells values apart; null for a table of strings, which are their own key */
    Table(Function<T, String> key) {
      this.key = key;
    }

    int of(T value) {
      if (value == null) {
        return -1;
      }
      if (key == null) {
        return add((String) value, value);
      }
      Integer i = seen.get(value);
      if (i == null) {
        i = add(key.apply(value), value);
        seen.put(value, i);
      }
      return i;
    }

    /** Looked up first: most values are there already, and putIfAbsent would box a new index for each. */
    private int add(String k, T value) {
      Integer i = index.get(k);
      if (i != null) {
        return i;
      }
      index.put(k, values.size());
      values.add(value);
      return values.size() - 1;
    }
  }

  private static final char SEP = '\u0000';

  private static String key(ObjectRef r) {
    return r.kind() + SEP + (r.namespace() == null ? "" : "n" + r.namespace()) + SEP + r.name();
  }

  private static String key(RoleId r) {
    return r.kind().kubeName() + SEP + (r.namespace() == null ? "" : "n" + r.namespace()) + SEP + r.name() + SEP
        + r.builtIn();
  }

  private static String key(Location l) {
    return l.file() != null ? "f" + l.file() + SEP + l.line() : "c" + l.context() + SEP + l.uid();
  }

  /** What a reader sees of the evidence (the fields the page shows), so equal-looking evidence is stored once. */
  private static String key(Evidence e) {
    if (e instanceof GrantEvidence ge) {
      Grant g = ge.grant();
      return "g" + key(g.binding()) + SEP + g.bindingBuiltIn() + SEP + key(g.role()) + SEP
          + (g.aggregated() ? key(g.rule().source()) : "") + SEP + g.ruleIndex() + SEP + key(g.location());
    }
    ObjectEvidence o = (ObjectEvidence) e;
    return "o" + key(o.object()) + SEP + (o.location() == null ? "" : key(o.location())) + SEP
        + (o.note() == null ? "" : "n" + o.note());
  }

  private void write(ScanResult r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    // Tables last: rows fill them as they are written.
    g.writeFieldName("rules");
    rules(r, g);
    List<List<PathHop>> paths = new ArrayList<>();
    g.writeFieldName("findings");
    g.writeStartArray();
    for (ReportedFinding rf : r.findings()) {
      finding(rf, g, paths);
    }
    g.writeEndArray();
    g.writeFieldName("paths");
    g.writeStartArray();
    for (List<PathHop> path : paths) {
      path(path, g);
    }
    g.writeEndArray();
    g.writeFieldName("access");
    access(r.access(), g);
    g.writeFieldName("evidence");
    array(g, evidence.values, e -> evidenceRow(e, g));
    g.writeFieldName("roles");
    array(g, roles.values, role -> row(g, strings.of(role.kind().kubeName()), strings.of(role.name()),
        strings.of(role.namespace()), role.builtIn() ? 1 : 0));
    g.writeFieldName("refs");
    array(g, refs.values, ref -> row(g, strings.of(ref.kind()), strings.of(ref.name()), strings.of(ref.namespace())));
    g.writeFieldName("locations");
    array(g, locations.values, l -> {
      if (l.file() != null) {
        row(g, strings.of(l.file()), l.line());
      } else {
        row(g, -1, 0, strings.of(l.context()), strings.of(l.uid()));
      }
    });
    g.writeArrayFieldStart("strings");
    for (String s : strings.values) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void rules(ScanResult r, JsonGenerator g) throws IOException {
    Map<String, RuleSpec> rules = new TreeMap<>();
    r.rules().forEach(rule -> rules.put(rule.id(), rule));
    r.findings().forEach(rf -> rules.putIfAbsent(rf.finding().ruleId(), rf.finding().rule()));
    g.writeStartObject();
    for (RuleSpec spec : rules.values()) {
      g.writeObjectFieldStart(spec.id());
      g.writeStringField("title", spec.title());
      g.writeStringField("category", spec.category());
      g.writeStringField("remediation", spec.remediation());
      g.writeArrayFieldStart("references");
      for (String ref : spec.references()) {
        g.writeString(ref);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void finding(ReportedFinding rf, JsonGenerator g, List<List<PathHop>> paths) throws IOException {
    Finding f = rf.finding();
    List<String> names = namesIn(f);
    g.writeStartArray();
    g.writeString(rf.fingerprint());
    g.writeNumber(strings.of(f.ruleId()));
    g.writeNumber(SEVERITIES.indexOf(f.severity().id()));
    text(f.message(), names, g);
    g.writeNumber(refs.of(f.subject()));
    g.writeNumber(strings.of(f.namespace()));
    indexes(g, f.evidence(), evidence::of);
    g.writeNumber(STATUSES.indexOf(rf.status().name().toLowerCase(java.util.Locale.ROOT)));
    suppression(rf.suppression(), g);
    g.writeNumber(f.latent() ? 1 : 0);
    g.writeNumber(locations.of(f.location()));
    indexes(g, f.relatedLocations(), locations::of);
    indexes(g, f.workloads(), refs::of);
    text(rf.suppression() == null ? SuppressionSnippet.of(f) : "", names, g);
    if (f.path().isEmpty()) {
      g.writeNumber(-1);
    } else {
      g.writeNumber(paths.size());
      paths.add(f.path());
    }
    g.writeEndArray();
  }

  private void suppression(Suppression s, JsonGenerator g) throws IOException {
    if (s == null) {
      g.writeNull();
    } else {
      row(g, strings.of(s.reason()), strings.of(s.expires() == null ? null : s.expires().toString()),
          locations.of(s.location()));
    }
  }

  /** The names a finding's sentences are likely to contain, longest first. */
  private static List<String> namesIn(Finding f) {
    Set<String> names = new LinkedHashSet<>();
    addRef(names, f.subject());
    for (Evidence e : f.evidence()) {
      if (e instanceof GrantEvidence ge) {
        Grant grant = ge.grant();
        addRef(names, grant.binding());
        names.add(grant.role().name());
        names.add(grant.rule().source().name());
      } else if (e instanceof ObjectEvidence oe) {
        addRef(names, oe.object());
      }
    }
    f.workloads().forEach(w -> addRef(names, w));
    if (f.namespace() != null) {
      names.add(f.namespace());
    }
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n != null && n.length() >= SHORTEST_CUT) {
        out.add(n);
        out.add(SuppressionSnippet.quoted(n));
      }
    }
    out.sort(LONGEST_FIRST);
    return out;
  }

  private static void addRef(Set<String> names, ObjectRef ref) {
    if (ref.namespace() != null) {
      names.add(ref.namespace() + "/" + ref.name());
      names.add(ref.namespace());
    }
    names.add(ref.name());
  }

  /** A text as the string indexes of its pieces: cut before and after each occurrence of one of {@code names}. */
  private void text(String s, List<String> names, JsonGenerator g) throws IOException {
    g.writeStartArray();
    for (String piece : pieces(s, names)) {
      g.writeNumber(strings.of(piece));
    }
    g.writeEndArray();
  }

  static List<String> pieces(String s, List<String> names) {
    List<String> out = new ArrayList<>();
    // Where each name next occurs (-1: no more); searched again only once a cut has passed it.
    int[] next = new int[names.size()];
    for (int k = 0; k < next.length; k++) {
      next[k] = s.indexOf(names.get(k));
    }
    int pos = 0;
    while (pos < s.length()) {
      int best = -1;
      String found = null;
      for (int k = 0; k < next.length; k++) {
        if (next[k] >= 0 && next[k] < pos) {
          next[k] = s.indexOf(names.get(k), pos);
        }
        // names are longest first: at the same place, the longer one wins.
        if (next[k] >= 0 && (best < 0 || next[k] < best)) {
          best = next[k];
          found = names.get(k);
        }
      }
      if (found == null) {
        out.add(s.substring(pos));
        break;
      }
      if (best > pos) {
        out.add(s.substring(pos, best));
      }
      out.add(found);
      pos = best + found.length();
    }
    return out;
  }

  private void evidenceRow(Evidence e, JsonGenerator g) throws IOException {
    if (e instanceof GrantEvidence ge) {
      Grant grant = ge.grant();
      row(g, 0, refs.of(grant.binding()), grant.bindingBuiltIn() ? 1 : 0, roles.of(grant.role()),
          grant.aggregated() ? roles.of(grant.rule().source()) : -1, grant.ruleIndex(), locations.of(grant.location()));
    } else {
      ObjectEvidence o = (ObjectEvidence) e;
      row(g, 1, refs.of(o.object()), locations.of(o.location()), strings.of(o.note()));
    }
  }

  /** An escalation path laid out for drawing: vertices with their centres, and the steps between them. */
  private void path(List<PathHop> path, JsonGenerator g) throws IOException {
    PathLayout.Drawing<PathHop.Point> drawing = PathLayout.of(path, PathHop::from, PathHop::to);
    Map<PathHop.Point, Integer> node = new HashMap<>();
    g.writeStartObject();
    g.writeArrayFieldStart("n");
    for (PathLayout.Placed<PathHop.Point> p : drawing.vertices()) {
      node.put(p.key(), node.size());
      PathHop.Point v = p.key();
      row(g, (int) Math.round(p.x()), (int) Math.round(p.y()), strings.of(v.type()), strings.of(v.name()),
          strings.of(v.namespace()), strings.of(v.label()));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("e");
    for (PathHop h : path) {
      row(g, node.get(h.from()), node.get(h.to()), strings.of(h.edge()), h.hop() ? 1 : 0, locations.of(h.location()));
    }
    g.writeEndArray();
    g.writeNumberField("w", (int) Math.round(drawing.width()));
    g.writeNumberField("h", (int) Math.round(drawing.height()));
    g.writeEndObject();
  }

  private void access(SubjectAccess access, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("profiles");
    for (SubjectAccess.Profile p : access.profiles()) {
      g.writeStartArray();
      g.writeNumber(roles.of(p.role()));
      g.writeNumber(p.namespaced() ? 1 : 0);
      g.writeStartArray();
      for (AccessMatrix.Cell c : p.cells()) {
        g.writeStartArray();
        g.writeNumber(strings.of(c.row()));
        g.writeNumber(strings.of(c.verb()));
        g.writeNumber(c.url() ? 1 : 0);
        indexes(g, c.resourceNames(), strings::of);
        g.writeNumber(locations.of(c.location()));
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("subjects");
    for (SubjectAccess.Entry e : access.subjects()) {
      g.writeStartArray();
      g.writeNumber(refs.of(ref(e.subject())));
      g.writeStartArray();
      for (SubjectAccess.Holding h : e.holdings()) {
        row(g, refs.of(h.binding()), h.bindingBuiltIn() ? 1 : 0, h.profile(), strings.of(h.namespace()),
            h.via() == null ? -1 : refs.of(ref(h.via())));
      }
      g.writeEndArray();
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A subject as findings name it, so the page finds a finding's subject in the access table by index. */
  private static ObjectRef ref(Subject s) {
    return new ObjectRef(s.kind().kubeName(), s.name(), s.namespace());
  }

  private interface RowWriter<T> {
    void write(T value) throws IOException;
  }

  private static <T> void array(JsonGenerator g, List<T> values, RowWriter<T> each) throws IOException {
    g.writeStartArray();
    // Writing a row may add to a later table (a role's strings), never to this one, so the list is stable here.
    for (int i = 0; i < values.size(); i++) {
      each.write(values.get(i));
    }
    g.writeEndArray();
  }

  private static <T> void indexes(JsonGenerator g, List<T> values, java.util.function.ToIntFunction<T> index)
      throws IOException {
    g.writeStartArray();
    for (T v : values) {
      g.writeNumber(index.applyAsInt(v));
    }
    g.writeEndArray();
  }

  private static void row(JsonGenerator g, int... values) throws IOException {
    g.writeArray(values, 0, values.length);
  }
}
