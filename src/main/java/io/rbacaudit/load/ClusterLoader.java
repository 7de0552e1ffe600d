package io.rbacaudit.load;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.ApiResponse;
import io.kubernetes.client.openapi.Pair;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the RBAC objects, ServiceAccounts, namespaces, pods, workloads and token Secrets (metadata only) of one
 * cluster context through client-java, and turns them into the same model records as manifests: each object's JSON
 * goes through the manifest decoder, located by context and uid. The only class that knows client-java's API calls.
 *
 * <p>Lists are paged (limit 500 and continue); a 410 Gone (the continue token expired) restarts that list; 429, 5xx
 * and timeouts are retried with backoff. A 403 on one list is a warning naming what is weakened, not a failure.
 * Up to {@link #PARALLEL_LISTS} lists run at once (each one still pages in order); results, warnings and the first
 * failure are taken in {@link #KINDS} order, so a read is as deterministic as a sequential one.
 */
public final class ClusterLoader {

  static {
    // client-java logs through SLF4J and the tool ships no provider: without this, SLF4J prints three lines of
    // "no providers" to stderr, which is for the user's one-line messages.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  static final int PAGE = 500;
  /** Concurrent list calls per cluster: enough to hide round trips, few enough not to load an API server. */
  public static final int PARALLEL_LISTS = 4;
  private static final int ATTEMPTS = 4;

  /** One list: its URL path, the kind and apiVersion its items get, and the rules that need it. */
  record Kind(String path, String apiVersion, String kind, String plural, String weakens) {
    String group() {
      return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }
  }

  static final List<Kind> KINDS = List.of(
      new Kind("/api/v1/namespaces", "v1", "Namespace", "namespaces", "RBAC-601, RBAC-603"),
      new Kind("/apis/rbac.authorization.k8s.io/v1/clusterroles", "rbac.authorization.k8s.io/v1", "ClusterRole",
          "clusterroles", "every permission rule"),
      new Kind("/apis/rbac.authorization.k8s.io/v1/roles", "rbac.authorization.k8s.io/v1", "Role", "roles",
          "every permission rule"),
      new Kind("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "rbac.authorization.k8s.io/v1",
          "ClusterRoleBinding", "clusterrolebindings", "every permission rule"),
      new Kind("/apis/rbac.authorization.k8s.io/v1/rolebindings", "rbac.authorization.k8s.io/v1", "RoleBinding",
          "rolebindings", "every permission rule"),
      new Kind("/api/v1/serviceaccounts", "v1", "ServiceAccount", "serviceaccounts",
          "RBAC-107, RBAC-601, RBAC-603, RBAC-608"),
      new Kind("/api/v1/secrets", "v1", "Secret", "secrets", "RBAC-605, RBAC-606"),
      new Kind("/api/v1/pods", "v1", "Pod", "pods", workloadRules()),
      new Kind("/api/v1/replicationcontrollers", "v1", "ReplicationController", "replicationcontrollers",
          workloadRules()),
      new Kind("/apis/apps/v1/deployments", "apps/v1", "Deployment", "deployments", workloadRules()),
      new Kind("/apis/apps/v1/statefulsets", "apps/v1", "StatefulSet", "statefulsets", workloadRules()),
      new Kind("/apis/apps/v1/daemonsets", "apps/v1", "DaemonSet", "daemonsets", workloadRules()),
      new Kind("/apis/apps/v1/replicasets", "apps/v1", "ReplicaSet", "replicasets", workloadRules()),
      new Kind("/apis/batch/v1/jobs", "batch/v1", "Job", "jobs", workloadRules()),
      new Kind("/apis/batch/v1/cronjobs", "batch/v1", "CronJob", "cronjobs", workloadRules()));

  /** CronJobs before Kubernetes 1.21 are served only as batch/v1beta1, with the same pod template. */
  private static final Kind CRONJOBS_V1BETA1 = new Kind("/apis/batch/v1beta1/cronjobs", "batch/v1beta1", "CronJob",
      "cronjobs", workloadRules());

  private static final String SECRET_SELECTOR = "type=kubernetes.io/service-account-token";

  private final ClusterConnection connection;
  private int parallelLists = PARALLEL_LISTS;

  private ClusterLoader(ClusterConnection connection) {
    this.connection = connection;
  }

  /** At most this many list calls at once (1 lists one kind after the other). */
  public ClusterLoader parallelLists(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parallel lists must be at least 1");
    }
    this.parallelLists = n;
    return this;
  }

  /** The kinds a read lists, with their resource (plural) names, in list order: what tools that feed a cluster use. */
  public static Map<String, String> pluralsByKind() {
    Map<String, String> out = new LinkedHashMap<>();
    KINDS.forEach(k -> out.put(k.kind(), k.plural()));
    return Collections.unmodifiableMap(out);
  }

  /** The kinds a read lists, as {@code apiGroup/resource} ("" for the core group): what the scanner must be granted. */
  public static List<String> listedResources() {
    List<String> out = new ArrayList<>();
    for (Kind k : KINDS) {
      out.add(k.group() + "/" + k.plural());
    }
    return out;
  }

  /** KUBECONFIG-style files (merged as kubectl does) and a context, null for the current one. */
  public static ClusterLoader kubeconfig(String kubeconfigFile, String context, Map<String, String> env) {
    List<Path> files = KubeconfigFiles.locate(kubeconfigFile, env.get("KUBECONFIG"),
        env.getOrDefault("HOME", System.getProperty("user.home")));
    return new ClusterLoader(ClusterConnection.kubeconfig(files, context));
  }

  /** Every context of the KUBECONFIG-style files, merged as kubectl does, in file order (for --all-contexts). */
  public static List<String> contexts(String kubeconfigFile, Map<String, String> env) {
    List<Path> files = KubeconfigFiles.locate(kubeconfigFile, env.get("KUBECONFIG"),
        env.getOrDefault("HOME", System.getProperty("user.home")));
    List<String> names = new ArrayList<>();
    for (Object c : KubeconfigFiles.read(files).getContexts()) {
      if (c instanceof Map<?, ?> m && m.get("name") instanceof String n) {
        names.add(n);
      }
    }
    if (names.isEmpty()) {
      throw new ClusterException("--all-contexts: the kubeconfig (" + files + ") has no contexts; check "
          + "'kubectl config get-contexts'");
    }
    return names;
  }

  /** The mounted ServiceAccount; {@code saDir} null means the standard mount path. */
  public static ClusterLoader inCluster(String saDir, Map<String, String> env) {
    Path dir = Path.of(saDir == null ? ClusterConnection.SA_DIR : saDir);
    return new ClusterLoader(ClusterConnection.inCluster(dir.resolve("token"), dir.resolve("ca.crt"), env));
  }

  public String context() {
    return connection.context();
  }

  /** Lists everything; throws {@link ClusterException} when the cluster cannot be read at all. */
  public Source load() {
    List<JsonObject> all = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelLists, KINDS.size()), daemonThreads());
    try {
      List<Future<Listed>> lists = new ArrayList<>();
      for (Kind kind : KINDS) {
        lists.add(pool.submit(() -> list(kind)));
      }
      for (int i = 0; i < KINDS.size(); i++) {
        Listed listed = await(lists.get(i));
        if (listed.failure() == null) {
          all.addAll(listed.items());
        } else {
          failedList(KINDS.get(i), listed.failure(), unreadable, warnings);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return replay(new Snapshot(connection.context(), all, unreadable, warnings));
  }

  /** One list's items, or the failure that ended it. */
  private record Listed(List<JsonObject> items, ApiException failure) {}

  private Listed list(Kind kind) {
    try {
      return new Listed(listAll(kind), null);
    } catch (ApiException e) {
      if (e.getCode() == 404 && kind.kind().equals("CronJob")) {
        try {
          return new Listed(listAll(CRONJOBS_V1BETA1), null);
        } catch (ApiException again) {
          return new Listed(List.of(), again);
        }
      }
      return new Listed(List.of(), e);
    }
  }

  private Listed await(Future<Listed> list) {
    try {
      return list.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("cluster context \"" + connection.context() + "\": interrupted while reading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "rbac-audit-list-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Decodes what a cluster read collected, live or saved, into the model: the same records either way. */
  public static Source replay(Snapshot snapshot) {
    String ctx = snapshot.context();
    InventoryCollector out = new InventoryCollector(LoadOptions.DEFAULT_MAX_OBJECTS);
    out.source(ctx);
    for (String w : snapshot.warnings()) {
      out.problem(Problem.warning(Location.cluster(ctx, null), w));
    }
    YamlDocuments yaml = new YamlDocuments(LoadOptions.defaults());
    JsonNodes json = new JsonNodes();
    ObjectDecoder decoder = new ObjectDecoder("default", out);
    for (JsonObject item : snapshot.items()) {
      decode(ctx, item, json, yaml, decoder, out);
    }
    return new Source(out.build(), true, snapshot.unreadable(), snapshot);
  }

  private void failedList(Kind kind, ApiException e, List<String> unreadable, List<String> warnings) {
    String ctx = connection.context();
    int code = e.getCode();
    if (code == 403 || code == 404) {
      String why = code == 403 ? "forbidden" : "not served by this API server";
      unreadable.add(kind.plural() + " in context " + ctx);
      warnings.add("cannot list " + kind.plural() + " in cluster context " + ctx + ": " + why + "; "
          + kind.weakens() + (kind.weakens().startsWith("every") ? " is" : " are") + " weakened (grant list on "
          + kind.plural() + " to the scanning identity, or accept with --allow-partial)");
      return;
    }
    throw ClusterFailures.describe(e, connection);
  }

  /** Every page of one list; a 410 Gone restarts the list from the beginning, once per expired token. */
  private List<JsonObject> listAll(Kind kind) throws ApiException {
    List<JsonObject> items = new ArrayList<>();
    String cont = null;
    int restarts = 0;
    while (true) {
      JsonObject page;
      try {
        page = get(kind, cont);
      } catch (ApiException e) {
        if (e.getCode() == 410 && cont != null && restarts++ < 3) {
          items.clear();
          cont = null;
          continue;
        }
        throw e;
      }
      if (page.get("items") != null && page.get("items").isJsonArray()) {
        for (JsonElement el : page.getAsJsonArray("items")) {
          if (el.isJsonObject()) {
            items.add(stripped(el.getAsJsonObject(), kind));
          }
        }
      }
      JsonObject meta = page.getAsJsonObject("metadata");
      cont = meta == null || meta.get("continue") == null || meta.get("continue").isJsonNull()
          ? null : meta.get("continue").getAsString();
      if (cont == null || cont.isEmpty()) {
        return items;
      }
    }
  }

  private JsonObject get(Kind kind, String cont) throws ApiException {
    ApiClient client = connection.client();
    List<Pair> query = new ArrayList<>();
    query.add(new Pair("limit", String.valueOf(PAGE)));
    if (cont != null) {
      query.add(new Pair("continue", cont));
    }
    if (kind.kind().equals("Secret")) {
      query.add(new Pair("fieldSelector", SECRET_SELECTOR));
    }
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json");
    for (int attempt = 1; ; attempt++) {
      try {
        ApiResponse<JsonObject> r = client.execute(client.buildCall(null, kind.path(), "GET", query, List.of(), null,
            headers, new HashMap<>(), new HashMap<>(), new String[] {"BearerToken"}, null), JsonObject.class);
        return r.getData() == null ? new JsonObject() : r.getData();
      } catch (ApiException e) {
        if (attempt >= ATTEMPTS || !ClusterFailures.retryable(e)) {
          throw e;
        }
        sleep(250L << attempt);
      }
    }
  }

  /** Drops what the model never needs on arrival: Secret data above all, and the bulky managedFields. */
  private static JsonObject stripped(JsonObject item, Kind kind) {
    if (kind.kind().equals("Secret")) {
      item.remove("data");
      item.remove("stringData");
    }
    JsonObject meta = item.getAsJsonObject("metadata");
    if (meta != null) {
      meta.remove("managedFields");
      if (kind.kind().equals("Secret") && meta.getAsJsonObject("annotations") != null) {
        // kubectl apply stores the whole applied Secret, data included, in this annotation.
        meta.getAsJsonObject("annotations").remove("kubectl.kubernetes.io/last-applied-configuration");
      }
    }
    podSpec(item, "spec");
    podSpec(item, "spec", "template", "spec");
    podSpec(item, "spec", "jobTemplate", "spec", "template", "spec");
    item.addProperty("apiVersion", kind.apiVersion());
    item.addProperty("kind", kind.kind());
    return item;
  }

  /**
   * The API server copies serviceAccountName into the deprecated serviceAccount field (and back), so on a cluster
   * that field says nothing about what the author wrote: drop the copy, or every workload would look like RBAC-609.
   */
  private static void podSpec(JsonObject item, String... path) {
    JsonObject spec = item;
    for (String key : path) {
      JsonElement next = spec.get(key);
      if (next == null || !next.isJsonObject()) {
        return;
      }
      spec = next.getAsJsonObject();
    }
    JsonElement name = spec.get("serviceAccountName");
    if (name != null && name.equals(spec.get("serviceAccount"))) {
      spec.remove("serviceAccount");
    }
  }

  private static void decode(String ctx, JsonObject item, JsonNodes json, YamlDocuments yaml, ObjectDecoder decoder,
      InventoryCollector out) {
    JsonObject meta = item.getAsJsonObject("metadata");
    String uid = meta != null && meta.get("uid") != null ? meta.get("uid").getAsString() : null;
    NodeReader reader = new NodeReader(ctx, Location.cluster(ctx, uid));
    // JSON is YAML: the manifest decoder reads the server's object exactly as it reads a JSON manifest, from the
    // nodes snakeyaml would compose of its text (without the text, unless it nests unusually deep).
    Node root = json.of(item);
    if (root != null) {
      decoder.document(root, reader);
    } else {
      yaml.read(ctx, item.toString(), doc -> decoder.document(doc, reader), out::problem);
    }
  }

  private static String workloadRules() {
    return "RBAC-602, RBAC-604, RBAC-606, RBAC-607, RBAC-608, RBAC-609, RBAC-610";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
