import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads a generated inventory into the API server of {@code .ci/kube-apiserver.sh start DIR}, fast: namespaces first,
 * then every other object rbac-audit reads, POSTed by THREADS parallel requests with the admin token (as the test
 * harness src/test/java/io/rbacaudit/cli/LiveCluster.java does one at a time). Kinds rbac-audit skips (ConfigMaps,
 * Services) are not applied; CronJobs go to batch/v1beta1, the only version v1.20 serves.
 *
 *   java -cp target/rbac-audit.jar bench/LiveApply.java KUBE_DIR INVENTORY_DIR [THREADS]
 */
public class LiveApply {

  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
  /** Exactly the kinds the collector lists. */
  private static final Map<String, String> PLURALS = io.rbacaudit.load.ClusterLoader.pluralsByKind();

  public static void main(String[] args) throws Exception {
    Path kube = Path.of(args[0]);
    Path inventory = Path.of(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    String server = null;
    for (String line : Files.readAllLines(kube.resolve("cluster.env"))) {
      if (line.startsWith("KUBE_API_SERVER=")) {
        server = line.substring("KUBE_API_SERVER=".length());
      }
    }
    String token = Files.readString(kube.resolve("admin.token")).trim();
    HttpClient http = HttpClient.newBuilder().sslContext(trusting(kube.resolve("ca.crt"))).build();
    ObjectMapper json = new ObjectMapper();

    List<Map<String, Object>> namespaces = new ArrayList<>();
    List<Map<String, Object>> others = new ArrayList<>();
    Map<String, Integer> skipped = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(inventory)) {
      for (Path p : walk.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(p))) {
          if (!(doc instanceof Map<?, ?> m)) {
            continue;
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> obj = (Map<String, Object>) m;
          String kind = String.valueOf(obj.get("kind"));
          if (!PLURALS.containsKey(kind)) {
            skipped.merge(kind, 1, Integer::sum);
          } else {
            (kind.equals("Namespace") ? namespaces : others).add(obj);
          }
        }
      }
    }
    long start = System.nanoTime();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger existed = new AtomicInteger();
    List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
    String base = server;
    for (Map<String, Object> ns : namespaces) {
      post(http, json, base, token, ns, created, existed, failed);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (Map<String, Object> obj : others) {
      done.add(pool.submit(() -> {
        post(http, json, base, token, obj, created, existed, failed);
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("applied %d objects (%d already there, %d rejected) in %.1f s with %d parallel requests; "
        + "not applied (kinds rbac-audit skips): %s%n", created.get(), existed.get(), failed.size(), secs, threads,
        skipped);
    new TreeSet<>(failed).stream().limit(10).forEach(f -> System.out.println("  rejected: " + f));
    if (!failed.isEmpty()) {
      System.exit(1);
    }
  }

  @SuppressWarnings("unchecked")
  private static void post(HttpClient http, ObjectMapper json, String server, String token, Map<String, Object> obj,
      AtomicInteger created, AtomicInteger existed, List<String> failed) throws Exception {
    String kind = String.valueOf(obj.get("kind"));
    String apiVersion = String.valueOf(obj.get("apiVersion"));
    if (kind.equals("CronJob") && apiVersion.equals("batch/v1")) {
      apiVersion = "batch/v1beta1";
      obj.put("apiVersion", apiVersion);
    }
    Map<String, Object> meta = (Map<String, Object>) obj.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    String ns = null;
    if (!CLUSTER_SCOPED.contains(kind)) {
      ns = String.valueOf(meta.getOrDefault("namespace", "default"));
      meta.put("namespace", ns);
    }
    String path = (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion
        + (ns == null ? "" : "/namespaces/" + ns) + "/" + PLURALS.get(kind);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(obj))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 201) {
      created.incrementAndGet();
    } else if (r.statusCode() == 409) {
      existed.incrementAndGet();
    } else {
      failed.add(kind + " " + ns + "/" + meta.get("name") + ": HTTP " + r.statusCode());
    }
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caFile))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
