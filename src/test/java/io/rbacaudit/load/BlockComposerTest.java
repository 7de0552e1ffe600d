package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BlockComposer must compose exactly the nodes snakeyaml composes (kind, tag, value, style, start line and column,
 * children), or decline; and it must decline everything snakeyaml rejects. Checked on every YAML file of the
 * corpus, the examples and the rules' fixtures, on written cases at the edges of the subset, and on generated and
 * randomly mutated manifests.
 */
class BlockComposerTest {

  @Test
  void sameNodesOnEveryManifestOfTheProject() throws IOException {
    int files = 0;
    int taken = 0;
    for (String root : List.of("src/test/resources", "examples", "rules", "deploy")) {
      for (Path p : yamlFiles(Path.of(root))) {
        files++;
        if (ComposerDifferential.agrees(Files.readString(p))) {
          taken++;
        }
      }
    }
    // Most real manifests are in the subset; if this drops, the fast path stopped covering them.
    assertTrue(files > 300 && taken * 10 > files * 6, taken + " of " + files + " files composed by BlockComposer");
  }

  @Test
  void takesEveryExampleManifest() throws IOException {
    for (Path p : yamlFiles(Path.of("examples"))) {
      assertNotNull(BlockComposer.compose(Files.readString(p), new PlainScalarResolver()), p.toString());
    }
  }

  private static List<Path> yamlFiles(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Inside the subset: composed here, and the same as snakeyaml. */
  @ParameterizedTest
  @ValueSource(strings = {
      "a: 1\nb: two\n",
      "a: 1\nb: two",
      "# only\n---\nkind: Role\n",
      "---\n---\na: 1\n---\n",
      "---\n# nothing\n",
      "a: 1\n---",
      "  a: 1\n  b:\n    c: d\n",
      "a:\n- x\n- y\nb: z\n",
      "a:\n  - x\n  -   y\n",
      "- a: 1\n  b: 2\n- c\n-\n- - n1\n  - n2\n",
      "- \n- # c\n  x\n",
      "rules:\n- apiGroups: [\"\"]\n  resources: [pods, 'pods/exec' ,  secrets ]\n  verbs: [get,list,]\n",
      "a: []\nb: {}\nc: [ ]\nd: { }\n",
      "k: 'it''s' # c\n\"q k\" : \"v # not a comment\"\n'':\n",
      "k: a#b\nl: a #b\nm: http://x:80/p\nn: -1\no: 0x1F\np: ~\nq: yes\nr: 2024-01-01\n",
      "k: v   \nl:    \nm:\n",
      "k: |\n  line1\n   more\n\n  line3\n\nnext: 1\n",
      "k: |-\n  a\n\n\nl: >\n  folded\n  text\n\n  para\n   indented\n  back\nm: >-\n  x\n  y\n",
      "k: |+\n  a\n\n\nl: |\n    deep\n    # not a comment\n  # a comment\n",
      "- |\n  in a list\n- >+\n  kept\n\n",
      "k: |\n  no final newline",
      "k: |\n  trailing spaces  \n     \n  x\n",
      "a:\n  b:\n    c:\n      d: [1, 2]\n  e: f\n",
      "key:\n    value on the next line\nother: 1\n",
      "empty:\n# comment at column 0\n  # indented comment\nnext: 1\n",
      "ñame: ünïcode ✓\n",
      "1: int key\ntrue: bool key\nnull: null key\n",
  })
  void composedAndSame(String text) {
    assertTrue(ComposerDifferential.agrees(text), () -> "BlockComposer declined:\n" + text);
  }

  /** Outside the subset or invalid: declined, so snakeyaml reads it (and reports what is wrong). */
  @ParameterizedTest
  @ValueSource(strings = {
      "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "base: &b\n  x: 1\nc:\n  <<: *b\n",
      "a: 1\r\nb: 2\r\n", "a:\t1\n", "\uFEFFa: 1\n", "a: \u0085\n", "a: \"esc\\n\"\n",
      "a: multi\n  line\n", "a: 'multi\n  line'\n", "a: \"open\n", "- a\n  b\n",
      "a: {b: c}\n", "a: [[1]]\n", "a: [b: c]\n", "a: [\n  b]\n", "{\"kind\": \"Role\"}\n", "plain scalar\n",
      "a: b: c\n", "a: - b\n", "a: 1\n- b\n", "a: 1\n  b: 2\n", "- a\nb: 1\n", "a:\n    b: 1\n  c: 2\n",
      "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "? a\n: b\n", "a: |2\n   x\n", "a: |\n\n  x\n", "a: |\n",
      "a: |\nb: 1\n", "a: |x\n", "a: \"q\"x\n", "a: 'q'#c\n", "a: [b]#c\n", "a:b\n", "a: @x\n", "a: `x`\n",
      "a: 1\na: 2\n-\n", "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - "
          + "- - - - - - - - - x\n",
  })
  void declined(String text) {
    assertNull(BlockComposer.compose(text, new PlainScalarResolver()), text);
    ComposerDifferential.agrees(text);
  }

  @Test
  void sameNodesOnGeneratedAndMutatedManifests() {
    Random random = new Random(20261129);
    int valid = 0;
    int taken = 0;
    for (int i = 0; i < 6000; i++) {
      String text = ManifestText.random(random);
      if (ComposerDifferential.snakeyaml(text) != null) {
        valid++;
      }
      if (ComposerDifferential.agrees(text)) {
        taken++;
      }
      for (int m = 0; m < 4; m++) {
        ComposerDifferential.agrees(ManifestText.mutate(text, random));
      }
    }
    assertTrue(taken * 10 > valid * 7, taken + " of " + valid + " generated manifests composed by BlockComposer (of those snakeyaml accepts)");
  }
}
