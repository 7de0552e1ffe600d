package io.rbacaudit.rbac;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The semantics fixtures: {@code semantics/<story>.yaml} (a policy) and {@code semantics/<story>.cases} (what the
 * Kubernetes authorizer answers about it). Each policy is loaded and its authorizer built once.
 */
final class PolicyFixtures {

  static final String DIR = "semantics";

  private static final Map<String, CaseReader.Table> TABLES = new ConcurrentHashMap<>();
  private static final Map<String, Inventory> INVENTORIES = new ConcurrentHashMap<>();
  private static final Map<String, Authorizer> AUTHORIZERS = new ConcurrentHashMap<>();

  private PolicyFixtures() {}

  /** Every story that has a {@code .cases} table, in name order. */
  static List<String> stories() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".cases"))
          .map(n -> n.substring(0, n.length() - ".cases".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path directory() {
    URL url = PolicyFixtures.class.getClassLoader().getResource(DIR);
    if (url == null) {
      throw new IllegalStateException("test resources folder " + DIR + " not found");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static CaseReader.Table table(String story) {
    return TABLES.computeIfAbsent(story, s -> CaseReader.read(s, resource(s + ".cases")));
  }

  static Inventory inventory(String story) {
    return INVENTORIES.computeIfAbsent(story, s -> load(s + ".yaml", resource(s + ".yaml"), table(s).defaults()));
  }

  static Authorizer authorizer(String story) {
    return AUTHORIZERS.computeIfAbsent(story, s -> new Authorizer(inventory(s)));
  }

  /** Loads a policy as {@code rbac-audit scan} would, with {@code --defaults none|roles|all}. */
  static Inventory load(String sourceName, String yaml, String defaults) {
    Inventory inputs = new ManifestLoader(LoadOptions.defaults(), InputStream.nullInputStream()).loadText(sourceName, yaml);
    return KubernetesDefaults.apply(inputs, DefaultsMode.valueOf(defaults.toUpperCase(Locale.ROOT)));
  }

  static String resource(String name) {
    String path = DIR + "/" + name;
    try (InputStream in = PolicyFixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
