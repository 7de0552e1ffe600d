package io.rbacaudit.load;

import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads one or more kubeconfig files merged as kubectl merges KUBECONFIG: the first file that sets
 * {@code current-context} wins, and for clusters, users and contexts the first entry of a name wins. Relative file
 * paths are made absolute against the file that names them, since the merged config no longer has one home.
 */
final class KubeconfigFiles {

  private static final Set<String> PATH_KEYS =
      Set.of("certificate-authority", "client-certificate", "client-key", "tokenFile");

  private KubeconfigFiles() {}

  /** The files to read: {@code --kubeconfig}, else KUBECONFIG (path-separator list), else ~/.kube/config. */
  static List<Path> locate(String explicit, String kubeconfigEnv, String home) {
    if (explicit != null && !explicit.isEmpty()) {
      return List.of(Path.of(explicit));
    }
    List<Path> files = new ArrayList<>();
    if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
      for (String part : kubeconfigEnv.split(java.io.File.pathSeparator)) {
        if (!part.isBlank()) {
          files.add(Path.of(part));
        }
      }
    }
    if (files.isEmpty()) {
      files.add(Path.of(home == null ? "." : home, ".kube", "config"));
    }
    return files;
  }

  /** Merges the files (missing ones are skipped, as kubectl does, unless none exists) into one KubeConfig. */
  static KubeConfig read(List<Path> files) {
    Map<String, Object> merged = new LinkedHashMap<>();
    Map<String, Map<String, Object>> clusters = new LinkedHashMap<>();
    Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    Map<String, Map<String, Object>> contexts = new LinkedHashMap<>();
    boolean any = false;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      any = true;
      Map<String, Object> doc = parse(file);
      merged.putIfAbsent("current-context", doc.get("current-context"));
      Path dir = file.toAbsolutePath().getParent();
      mergeNamed(doc.get("clusters"), clusters, dir);
      mergeNamed(doc.get("users"), users, dir);
      mergeNamed(doc.get("contexts"), contexts, dir);
    }
    if (!any) {
      throw new ClusterException("no kubeconfig found (looked at " + files + "): give --kubeconfig FILE, set "
          + "KUBECONFIG, or use --in-cluster inside a pod");
    }
    KubeConfig config = new KubeConfig(new ArrayList<>(contexts.values()), new ArrayList<>(clusters.values()),
        new ArrayList<>(users.values()));
    Object current = merged.get("current-context");
    if (current instanceof String name && !name.isEmpty()) {
      config.setContext(name);
    }
    return config;
  }

  private static Map<String, Object> parse(Path file) {
    try {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      if (doc == null) {
        return Map.of();
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new ClusterException(file + ": not a kubeconfig (expected a mapping with clusters, users, contexts)");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) map;
      return typed;
    } catch (IOException e) {
      throw new ClusterException("cannot read kubeconfig " + file + ": " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof ClusterException) {
        throw e;
      }
      // The YAML parser's message may quote a line of the file, and that line may be a token: leave it out.
      throw new ClusterException(file + ": not valid kubeconfig YAML; check it with 'kubectl config view'");
    }
  }

  @SuppressWarnings("unchecked")
  private static void mergeNamed(Object list, Map<String, Map<String, Object>> into, Path dir) {
    if (!(list instanceof List<?> items)) {
      return;
    }
    for (Object item : items) {
      if (item instanceof Map<?, ?> entry && entry.get("name") instanceof String name) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) entry);
        copy.replaceAll((k, v) -> v instanceof Map<?, ?> inner ? absolutePaths((Map<String, Object>) inner, dir) : v);
        into.putIfAbsent(name, copy);
      }
    }
  }

  private static Map<String, Object> absolutePaths(Map<String, Object> section, Path dir) {
    Map<String, Object> copy = new LinkedHashMap<>(section);
    for (String key : PATH_KEYS) {
      if (copy.get(key) instanceof String p && !p.isEmpty() && !Path.of(p).isAbsolute() && dir != null) {
        copy.put(key, dir.resolve(p).toString());
      }
    }
    return copy;
  }
}
