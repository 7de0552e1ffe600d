package io.rbacaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the manifest loader (issue 8, point 2). Seeds: ManifestLoaderFuzzTestInputs/ (corpus snippets). The
 * loader documents that it never throws for bad input, so any exception is a finding. A Secret with a planted value
 * precedes the fuzzed text in the same mapping, so whatever the fuzzed text breaks, the value must not surface.
 */
class ManifestLoaderFuzzTest {

  static final String MARK = "pl4ntedSECRETvalue";
  private static final String SECRET_HEAD = "apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n"
      + "data: {d: cGw0bnRlZFNFQ1JFVHZhbHVl}\nstringData:\n  k: " + MARK + "\n";
  // Small limits, so that size and object-count paths are reached by short inputs too.
  private static final LoadOptions OPTIONS = new LoadOptions("default", 64 * 1024, 200);

  @FuzzTest(maxDuration = "60s")
  void loaderNeverThrowsAndNeverShowsSecretValues(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    Inventory fromStdin = new ManifestLoader(OPTIONS, new ByteArrayInputStream(bytes)).load(List.of("-"));
    checkProblems(fromStdin);
    String text = new String(bytes, StandardCharsets.UTF_8);
    checkProblems(new ManifestLoader(OPTIONS, null).loadText("fuzz.yaml", text));
    checkProblems(new ManifestLoader(OPTIONS, null).loadText("fuzz.json", text));
    if (text.contains(MARK) || text.contains("cGw0bnRlZFNFQ1JFVHZhbHVl")) {
      return; // the fuzzer wrote the marker itself; it may then legitimately appear as, say, a name
    }
    Inventory withSecret = new ManifestLoader(OPTIONS, null).loadText("s.yaml", SECRET_HEAD + text);
    String everything = withSecret + " " + withSecret.problems();
    assertFalse(everything.contains(MARK), everything);
    assertFalse(everything.contains("cGw0bnRlZFNFQ1JFVHZhbHVl"), everything);
  }

  private static void checkProblems(Inventory inv) {
    for (Problem p : inv.problems()) {
      // One problem, one line: a newline from input would let a manifest forge further stderr lines.
      assertFalse(p.toString().contains("\n") || p.toString().contains("\r"), p.toString());
    }
  }
}
