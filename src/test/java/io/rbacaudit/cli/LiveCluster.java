package io.rbacaudit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rbacaudit.load.ClusterLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The real control plane of {@code .ci/kube-apiserver.sh} for tests: starts it, reads its cluster.env, and applies
 * manifests with the admin token through plain HTTPS (as {@code kubectl create} would), keeping what was accepted.
 */
final class LiveCluster {

  static final Path CACHE = Path.of(System.getenv().getOrDefault("RBAC_AUDIT_KUBE_CACHE",
      "/var/cache/rbac-audit/kube-v1.20.2"));

  /** Cluster-scoped kinds; every other applied kind is namespaced. */
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

  /** The kinds rbac-audit reads, with their plural; others are not applied (they could not change a finding). */
  private static final Map<String, String> PLURALS = ClusterLoader.pluralsByKind();

  final Path dir;
  final String server;
  final String adminToken;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  private LiveCluster(Path dir) throws Exception {
    this.dir = dir;
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("cluster.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    server = env.get("KUBE_API_SERVER");
    adminToken = Files.readString(dir.resolve("admin.token")).trim();
    http = HttpClient.newBuilder().sslContext(trusting(dir.resolve("ca.crt"))).build();
  }

  /** True when the binaries are cached (start is quick) or CI asked for the live tests (start may build). */
  static boolean available() {
    return Files.isExecutable(CACHE.resolve("kube-apiserver")) || System.getenv("RBAC_AUDIT_LIVE") != null;
  }

  static LiveCluster start(Path dir) throws Exception {
    script("start", dir);
    return new LiveCluster(dir);
  }

  static void stop(Path dir) throws Exception {
    script("stop", dir);
  }

  private static void script(String verb, Path dir) throws Exception {
    Path script = Path.of(".ci/kube-apiserver.sh").toAbsolutePath();
    Process p = new ProcessBuilder("bash", script.toString(), verb, dir.toAbsolutePath().toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.getParent().resolve("kube-apiserver-" + verb + ".log").toFile())
        .start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(".ci/kube-apiserver.sh " + verb + " failed; see target/kube-apiserver-"
          + verb + ".log");
    }
  }

  /**
   * Creates every object of the kinds rbac-audit reads from the files, namespaces first, and writes what the server
   * accepted to {@code accepted} as JSON manifests (one per object), so a manifest scan can see exactly the same.
   */
  List<String> apply(List<Path> files, Path accepted) throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Path f : files) {
      try (Stream<Path> walk = Files.walk(f)) {
        for (Path p : walk.filter(Files::isRegularFile).filter(x -> x.toString().matches(".*\\.(ya?ml|json)$"))
            .sorted().toList()) {
          for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(p))) {
            collect(doc, objects);
          }
        }
      }
    }
    objects.sort((a, b) -> Boolean.compare(!"Namespace".equals(a.get("kind")), !"Namespace".equals(b.get("kind"))));
    Files.createDirectories(accepted);
    List<String> rejected = new ArrayList<>();
    int n = 0;
    for (Map<String, Object> obj : objects) {
      String ns = namespaceOf(obj);
      if (ns != null) {
        ensureNamespace(ns);
      }
      HttpResponse<String> r = post(path(obj, ns), json.writeValueAsString(obj));
      if (r.statusCode() == 201) {
        Files.writeString(accepted.resolve(String.format("%04d.json", n++)), json.writeValueAsString(obj));
      } else if (r.statusCode() != 409) {
        rejected.add(obj.get("kind") + " " + name(obj) + ": HTTP " + r.statusCode());
      }
    }
    return rejected;
  }

  /**
   * Writes the cluster's own default RBAC objects (label kubernetes.io/bootstrapping=rbac-defaults) as JSON manifests:
   * a manifest scan of them plus the applied files, with --defaults none, sees what the cluster holds, whatever
   * Kubernetes version the tool's bundled defaults come from.
   */
  void dumpDefaults(Path into) throws Exception {
    Files.createDirectories(into);
    int n = 0;
    for (String[] kind : new String[][] {{"clusterroles", "ClusterRole"}, {"clusterrolebindings", "ClusterRoleBinding"},
        {"roles", "Role"}, {"rolebindings", "RoleBinding"}}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + "/apis/rbac.authorization.k8s.io/v1/"
              + kind[0] + "?labelSelector=kubernetes.io%2Fbootstrapping%3Drbac-defaults"))
          .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + kind[0] + ": HTTP " + r.statusCode());
      }
      for (com.fasterxml.jackson.databind.JsonNode item : json.readTree(r.body()).get("items")) {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) item;
        o.put("apiVersion", "rbac.authorization.k8s.io/v1");
        o.put("kind", kind[1]);
        Files.writeString(into.resolve(String.format("%s-%04d.json", kind[0], n++)), json.writeValueAsString(o));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void collect(Object doc, List<Map<String, Object>> out) {
    if (!(doc instanceof Map<?, ?> m)) {
      return;
    }
    Map<String, Object> obj = (Map<String, Object>) m;
    if (obj.get("items") instanceof List<?> items && String.valueOf(obj.get("kind")).endsWith("List")) {
      items.forEach(i -> collect(i, out));
      return;
    }
    String apiVersion = String.valueOf(obj.get("apiVersion"));
    // v1.20 serves no extensions/v1beta1 or apps/v1beta* workloads (DESIGN.md section 9): skip what it cannot take.
    if (PLURALS.containsKey(String.valueOf(obj.get("kind"))) && !apiVersion.contains("v1beta")
        && !apiVersion.contains("v1alpha") && !apiVersion.startsWith("extensions/")) {
      out.add(new LinkedHashMap<>(obj));
    }
  }

  @SuppressWarnings("unchecked")
  private static String namespaceOf(Map<String, Object> obj) {
    if (CLUSTER_SCOPED.contains(String.valueOf(obj.get("kind")))) {
      return null;
    }
    Map<String, Object> meta = (Map<String, Object>) obj.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    Object ns = meta.get("namespace");
    if (ns == null) {
      meta.put("namespace", "default"); // as kubectl apply, and the loader's --default-namespace
      return "default";
    }
    return String.valueOf(ns);
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> obj) {
    Object meta = obj.get("metadata");
    return meta instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("name")) : "?";
  }

  private String path(Map<String, Object> obj, String ns) {
    String apiVersion = String.valueOf(obj.get("apiVersion"));
    String kind = String.valueOf(obj.get("kind"));
    // CronJob is batch/v1beta1 only before 1.21; the pod template is the same.
    if ("CronJob".equals(kind) && "batch/v1".equals(apiVersion)) {
      apiVersion = "batch/v1beta1";
      obj.put("apiVersion", apiVersion);
    }
    String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
    return base + (ns == null ? "" : "/namespaces/" + ns) + "/" + PLURALS.get(kind);
  }

  private void ensureNamespace(String ns) throws Exception {
    post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
        + ns + "\"}}");
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server + path))
        .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server + path))
        .header("Authorization", "Bearer " + adminToken).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Pauses (SIGSTOP) or resumes (SIGCONT) the kube-controller-manager this harness started, by its pid file: a
   * stalled aggregation controller on demand.
   */
  void controllerManager(boolean run) throws Exception {
    String pid = Files.readString(dir.resolve("kube-controller-manager.pid")).trim();
    Process p = new ProcessBuilder("kill", run ? "-CONT" : "-STOP", pid).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("kill " + (run ? "-CONT " : "-STOP ") + pid + " failed");
    }
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(server + path))
        .header("Authorization", "Bearer " + adminToken)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(caFile))) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
