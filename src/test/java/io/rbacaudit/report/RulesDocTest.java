package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md is generated from the rules and kept current: this test fails when it differs from what the rules
 * say, and rewrites it when run with -Drules.doc.update=true.
 */
class RulesDocTest {

  private static final Path DOC = Path.of("docs", "rules.md");

  @Test
  void docsRulesMdIsCurrent() throws IOException {
    String generated = RulesDoc.markdown(RuleLoader.builtIn());
    if (Boolean.getBoolean("rules.doc.update")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    String current = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
    assertEquals(generated, current, "docs/rules.md is out of date with rules/; regenerate it with: "
        + RulesDoc.REGENERATE);
  }

  @Test
  void everyRuleHasASectionAndATableRowThatLinksToIt() {
    List<RuleSpec> rules = RuleLoader.builtIn();
    String doc = RulesDoc.markdown(rules);
    for (RuleSpec r : rules) {
      assertTrue(doc.contains("\n### " + r.id() + " " + r.name() + "\n"), r.id());
      assertTrue(doc.contains("| [" + r.id() + "](#" + RulesDoc.anchor(r) + ") |"), r.id());
    }
  }

  @Test
  void paramsAreWrittenAsYamlThatReadsBackTheSame() {
    for (RuleSpec r : RuleLoader.builtIn()) {
      Object back = new io.rbacaudit.load.DataFileReader().read(r.id(), ParamsText.yaml(r.params())).root();
      assertEquals(r.params(), back, r.id());
    }
  }
}
