package io.rbacaudit.jmh;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The benchmark cluster of bench/run.sh, loaded as the CLI loads manifests (ManifestLoader, then the Kubernetes
 * default roles): {@code java bench/ClusterGenerator.java --size SIZE --seed SEED --out target/bench/SIZE}, which
 * this state runs first when that folder has not been generated for the seed yet (the generator is deterministic,
 * so an existing folder is reused, as run.sh does). JMH forks run in the directory the jar was started from, which
 * must be the project root.
 */
@State(Scope.Benchmark)
public class GeneratedCluster {

  @Param("M")
  public String size;

  @Param("42")
  public long seed;

  Inventory inventory;

  @Setup(Level.Trial)
  public void load() throws IOException, InterruptedException {
    Path dir = Path.of("target", "bench", size);
    generateIfMissing(dir);
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), new ByteArrayInputStream(new byte[0]))
        .load(List.of(dir.toString()));
    if (loaded.hasErrors() || loaded.roles().isEmpty()) {
      throw new IllegalStateException(dir + " did not load cleanly: " + loaded.problems().size() + " problems, "
          + loaded.roles().size() + " roles");
    }
    inventory = KubernetesDefaults.apply(loaded, DefaultsMode.ROLES);
  }

  private void generateIfMissing(Path dir) throws IOException, InterruptedException {
    Path marker = dir.resolve(".seed-" + seed);
    if (Files.exists(marker)) {
      return;
    }
    Path generator = Path.of("bench", "ClusterGenerator.java");
    if (!Files.exists(generator)) {
      throw new IllegalStateException("run the benchmarks from the project root: " + generator + " not found");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, generator.toString(), "--size", size, "--seed", Long.toString(seed),
        "--out", dir.toString()).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the cluster generator failed with exit code " + p.exitValue());
    }
    Files.createFile(marker);
  }
}
