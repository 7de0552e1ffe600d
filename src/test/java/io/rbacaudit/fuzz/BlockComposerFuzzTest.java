package io.rbacaudit.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rbacaudit.load.ComposerDifferential;

/**
 * Fuzzes the fast YAML path against snakeyaml (seeds: BlockComposerFuzzTestInputs/, manifests in the subset): on
 * any text, BlockComposer composes snakeyaml's nodes or declines, and declines what snakeyaml rejects. A difference
 * would let the loader see a manifest differently from the rest of the tool's reading of YAML.
 */
class BlockComposerFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void composesWhatSnakeyamlComposesOrDeclines(FuzzedDataProvider data) {
    ComposerDifferential.agrees(data.consumeRemainingAsAsciiString());
  }
}
