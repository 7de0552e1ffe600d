package io.rbacaudit.graph;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Loads manifests as the commands do (default roles added, default namespace {@code default}). */
final class GraphFixtures {

  static final Path EDGES = Path.of("src/test/resources/graph/edges");

  private GraphFixtures() {}

  static Inventory load(Path file) {
    try {
      return text(file.toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Inventory text(String name, String yaml) {
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText(name, yaml);
    if (inv.hasErrors()) {
      throw new AssertionError("fixture " + name + " has errors: " + inv.problems());
    }
    return KubernetesDefaults.apply(inv, DefaultsMode.ROLES);
  }

  static Inventory folder(String path) {
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).load(List.of(path));
    return KubernetesDefaults.apply(inv, DefaultsMode.ROLES);
  }

  /** SUBJECT syntax: User/NAME, Group/NAME, ServiceAccount/NS/NAME. */
  static Subject subject(String s) {
    String[] p = s.split("/", 3);
    return switch (p[0]) {
      case "User" -> Subject.user(s.substring(5));
      case "Group" -> Subject.group(s.substring(6));
      case "ServiceAccount" -> Subject.serviceAccount(p[1], p[2]);
      default -> throw new IllegalArgumentException("not a subject: " + s);
    };
  }

  /** cluster-admin, node-access, all-secrets or a SUBJECT. */
  static Vertex target(String s) {
    return TargetKind.parse(s).<Vertex>map(Vertex.Target::new).orElseGet(() -> Vertex.Identity.of(subject(s)));
  }
}
