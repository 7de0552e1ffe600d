package io.rbacaudit.rules.checks;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * Test plumbing: load manifests as a scan does ({@code --defaults roles}, default namespace {@code default}), read
 * the structural rules from {@code rules/}, and run them in the engine's two phases.
 */
final class Scans {

  static final Path RULES = Path.of("rules");
  static final List<String> CATEGORIES = List.of("bindings", "service-accounts");

  private Scans() {}

  static ScanContext context(String yaml) {
    return context(yaml, DefaultsMode.ROLES);
  }

  static ScanContext context(String yaml, DefaultsMode mode) {
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), InputStream.nullInputStream())
        .loadText("test.yaml", yaml);
    if (loaded.hasErrors()) {
      throw new IllegalArgumentException("fixture does not load: " + loaded.problems());
    }
    Inventory inv = KubernetesDefaults.apply(loaded, mode);
    return new ScanContext(inv, new Authorizer(inv), ResourceTable.standard(), KubernetesDefaults.builtInRoles(),
        KubernetesDefaults.builtInBindings());
  }

  /** Every rule folder of the two structural categories whose template is a structural one. */
  static List<Path> ruleFolders() {
    List<String> names = StructuralTemplates.all().stream().map(Template::name).toList();
    List<Path> out = new ArrayList<>();
    for (String category : CATEGORIES) {
      try (Stream<Path> dirs = Files.list(RULES.resolve(category))) {
        dirs.filter(d -> Files.isRegularFile(d.resolve("rule.yaml")))
            .filter(d -> names.contains(String.valueOf(read(d.resolve("rule.yaml")).get("template"))))
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static RuleSpec spec(Path folder) {
    Path file = folder.resolve("rule.yaml");
    Map<String, Object> m = read(file);
    Object cw = m.get("clusterWideSeverity");
    @SuppressWarnings("unchecked")
    List<String> refs = (List<String>) m.get("references");
    @SuppressWarnings("unchecked")
    Map<String, Object> params = (Map<String, Object>) m.get("params");
    return new RuleSpec((String) m.get("id"), (String) m.get("name"), (String) m.get("title"),
        Severity.parse((String) m.get("severity")).orElseThrow(),
        cw == null ? null : Severity.parse((String) cw).orElseThrow(),
        (String) m.get("category"), (String) m.get("description"), (String) m.get("remediation"), refs,
        (String) m.get("template"), params, file.toString());
  }

  static Map<String, Object> read(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Template template(String name) {
    return StructuralTemplates.all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  /** Runs every structural rule: first the normal checks, then the derived ones on what the first phase found. */
  static List<Finding> runAll(ScanContext context) {
    List<Finding> first = new ArrayList<>();
    List<RuleSpec> derived = new ArrayList<>();
    for (Path folder : ruleFolders()) {
      RuleSpec spec = spec(folder);
      Template t = template(spec.template());
      if (t.derived()) {
        derived.add(spec);
      } else {
        first.addAll(t.compile(spec).run(context));
      }
    }
    List<Finding> all = new ArrayList<>(first);
    ScanContext second = context.withPriorFindings(first);
    for (RuleSpec spec : derived) {
      all.addAll(template(spec.template()).compile(spec).run(second));
    }
    return all;
  }

  /** One rule of {@code rules/}, by id, run alone (derived rules see {@code prior}). */
  static List<Finding> run(String ruleId, ScanContext context) {
    return runAll(context).stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  static RuleSpec specById(String id) {
    return ruleFolders().stream().map(Scans::spec).filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  /** Runs one rule's template alone on a manifest, with the rule's own spec from {@code rules/}. */
  static List<Finding> check(String ruleId, String yaml) {
    RuleSpec spec = specById(ruleId);
    return template(spec.template()).compile(spec).run(context(yaml));
  }
}
