package io.rbacaudit.rules;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's rules/ folder and its fixtures, loaded as the scan loads manifests (--defaults roles). */
final class Fixtures {

  static final Path RULES = Path.of("rules");

  private Fixtures() {}

  /** Every rule under rules/, loaded strictly from the source tree. */
  static List<RuleSpec> repositoryRules() {
    return RuleLoader.fromScans(List.of(RuleFolderReader.directory(RULES, "rules", true)));
  }

  /** Every folder under rules/ that holds a rule.yaml. */
  static List<Path> ruleFolders() {
    try (Stream<Path> walk = Files.walk(RULES)) {
      return walk.filter(p -> p.getFileName().toString().equals("rule.yaml")).map(Path::getParent).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> fixtures(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.getFileName().toString().matches("(fail|pass)\\..*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The scan context of one manifest text, with the Kubernetes default roles added for resolution. */
  static ScanContext context(String name, String yaml) {
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), null).loadText(name, yaml);
    Inventory inventory = KubernetesDefaults.apply(loaded, DefaultsMode.ROLES);
    return new ScanContext(inventory, new Authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
  }

  /** {@code RBAC-201 ServiceAccount/shop/reader namespace=shop severity=high}, plus {@code latent} if so. */
  static String describe(Finding f) {
    String subject = f.subject().kind() + "/" + (f.subject().namespace() == null ? "" : f.subject().namespace() + "/")
        + f.subject().name();
    return f.ruleId() + " " + subject + " namespace=" + (f.namespace() == null ? "-" : f.namespace()) + " severity="
        + f.severity().id() + (f.latent() ? " latent" : "");
  }

  static String listing(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "  (no findings)";
    }
    return findings.stream().map(f -> "  " + describe(f) + "\n      " + f.message()).collect(Collectors.joining("\n"));
  }

  /** The {@code # expect:} lines of a fixture's opening comment. */
  static List<String> expectations(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      String body = line.substring(1).strip();
      if (body.startsWith("expect:")) {
        out.add(body.substring("expect:".length()).strip().replaceAll("\\s+", " "));
      }
    }
    return out;
  }
}
