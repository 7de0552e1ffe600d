package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our own small data files (rule.yaml) read into plain values with the line of every field, strictly and within
 * bounds: one document, no duplicate keys, no tags, no merge keys, no alias bombs.
 */
class DataFileReaderTest {

  private final DataFileReader reader = new DataFileReader();

  @Test
  void readsPlainValuesInFileOrder() {
    DataFile f = reader.read("r.yaml", """
        id: RBAC-201
        severity: high
        enabled: true
        count: 3
        ratio: 0.5
        nothing: ~
        since: 2024-01-31
        groups: [""]
        params:
          anyOf:
          - verbs: [get, list]
        """);
    Map<?, ?> root = (Map<?, ?>) f.root();
    assertEquals(List.of("id", "severity", "enabled", "count", "ratio", "nothing", "since", "groups", "params"),
        List.copyOf(root.keySet()));
    assertEquals(Arrays.asList("RBAC-201", "high", true, 3L, 0.5, null, "2024-01-31", List.of("")),
        Arrays.asList(root.get("id"), root.get("severity"), root.get("enabled"), root.get("count"), root.get("ratio"),
            root.get("nothing"), root.get("since"), root.get("groups")));
    assertEquals(Map.of("anyOf", List.of(Map.of("verbs", List.of("get", "list")))), root.get("params"));
  }

  @Test
  void everyFieldAndItemHasItsLine() {
    DataFile f = reader.read("r.yaml", "id: x\nparams:\n  anyOf:\n  - verbs: [get]\n    resources: [pods]\n");
    assertEquals(1, f.line("id"));
    assertEquals(2, f.line("params"));
    assertEquals(4, f.line("params.anyOf[0]"));
    assertEquals(5, f.line("params.anyOf[0].resources"));
    assertEquals(4, f.line("params.anyOf[0].apiGroups"), "a missing field points at the map that should hold it");
    assertEquals(1, f.line("nowhere"));
  }

  @Test
  void rejectsWhatARuleFileMustNotContain() {
    assertProblem("id: a\nid: b\n", 2, "duplicate key \"id\" (also at line 1)");
    assertProblem("a: 1\n---\nb: 2\n", 2, "YAML syntax error");
    assertProblem("", 0, "the file is empty");
    assertProblem("a: !!python/object:os.system x\n", 1, "YAML syntax error: Global tag is not allowed");
    assertProblem("a: !secret x\n", 1, "tags such as !secret are not supported");
    assertProblem("a: !!str x\nb: !!binary aGk=\n", 2, "tags such as");
    assertProblem("? [a]\n: b\n", 1, "keys must be plain strings");
    assertProblem("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "keys must be plain strings");
    assertProblem("a: [unclosed\n", 2, "YAML syntax error");
  }

  @Test
  void aliasBombsAreStopped() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
          .append(i - 1).append("]\n");
    }
    DataFileException e = assertThrows(DataFileException.class, () -> reader.read("bomb.yaml", yaml.toString()));
    assertTrue(e.getMessage().startsWith("bomb.yaml"), e.getMessage());
  }

  private void assertProblem(String yaml, int line, String start) {
    DataFileException e = assertThrows(DataFileException.class, () -> reader.read("r.yaml", yaml));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.problem().startsWith(start), e.problem());
    assertTrue(e.getMessage().startsWith("r.yaml" + (line > 0 ? ":" + line : "") + ": "), e.getMessage());
  }
}
