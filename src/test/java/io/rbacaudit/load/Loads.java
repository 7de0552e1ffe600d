package io.rbacaudit.load;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.util.List;

/** Short ways for tests to load a text and look at its problems. */
final class Loads {

  static final String FILE = "test.yaml";

  private Loads() {}

  static Inventory text(String yaml) {
    return new ManifestLoader(LoadOptions.defaults(), null).loadText(FILE, yaml);
  }

  static List<Problem> errors(Inventory inv) {
    return inv.problems().stream().filter(Problem::isError).toList();
  }

  static List<Problem> warnings(Inventory inv) {
    return inv.problems().stream().filter(p -> !p.isError()).toList();
  }

  static int objectCount(Inventory inv) {
    return inv.roles().size() + inv.bindings().size() + inv.serviceAccounts().size() + inv.secrets().size()
        + inv.namespaces().size() + inv.workloads().size();
  }
}
