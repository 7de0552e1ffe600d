import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Writes a synthetic cluster as manifests, deterministic for a seed, for the benchmark (bench/run.sh).
 *
 * <p>Run with the Java 17 single-file launcher, no build needed:
 * {@code java bench/ClusterGenerator.java --size L --seed 42 --out target/bench/L [--risky 0.05] [--default-sa 0.10]}.
 *
 * <p>The cluster is made of tenant namespaces of exactly 100 objects each, shaped like the corpus
 * (src/test/resources/corpus): ServiceAccounts with token Secrets, Roles and RoleBindings naming all four kinds of
 * subject, workloads of all eight kinds with full pod specs, ConfigMaps and Services the loader must parse and skip,
 * and per tenant three ClusterRoles (one in five aggregating others by label, some aggregating into the built-in
 * edit and view) and two ClusterRoleBindings. {@code --risky} is the share of roles that get a dangerous rule and
 * {@code --default-sa} the share of workloads that run as the namespace's default ServiceAccount, some of which is
 * also bound to a role. Namespaced objects go to one folder per namespace, cluster-scoped ones to cluster/ in files
 * of 300 objects, so the loader sees many files of realistic size.
 */
public final class ClusterGenerator {

  static final int PER_NAMESPACE = 100;
  static final String[] WORKLOAD_KINDS = {
    "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod"
  };
  static final String[] TEAMS = {"payments", "shop", "search", "ledger", "identity", "media", "billing", "ml"};
  static final String[] READ_RESOURCES = {"configmaps", "services", "endpoints", "pods", "events", "leases"};
  // Each is a rule some rule of the catalogue reports: a tunable share of roles get one.
  static final String[] RISKY_RULES = {
    rule("\"\"", "secrets", "get, list, watch"),
    rule("\"\"", "pods/exec", "create"),
    rule("\"\"", "pods", "create, delete"),
    rule("rbac.authorization.k8s.io", "roles, rolebindings", "escalate, bind, create"),
    rule("\"\"", "serviceaccounts/token", "create"),
    rule("\"\"", "users, groups, serviceaccounts", "impersonate"),
    rule("apps", "deployments, daemonsets", "create, update, patch"),
    rule("\"*\"", "\"*\"", "\"*\""),
  };
  static final String[] RISKY_CLUSTER_RULES = {
    rule("\"\"", "nodes/proxy", "get"),
    rule("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "create, update"),
    rule("certificates.k8s.io", "certificatesigningrequests/approval", "update"),
    rule("\"\"", "persistentvolumes", "create"),
  };

  final Random random;
  final double risky;
  final double defaultSa;
  final StringBuilder clusterDocs = new StringBuilder();
  int clusterCount;
  int clusterFile;
  long objects;

  ClusterGenerator(long seed, double risky, double defaultSa) {
    this.random = new Random(seed);
    this.risky = risky;
    this.defaultSa = defaultSa;
  }

  static String rule(String group, String resources, String verbs) {
    return "- apiGroups: [" + group + "]\n  resources: [" + resources + "]\n  verbs: [" + verbs + "]\n";
  }

  public static void main(String[] args) throws IOException {
    String size = "S";
    long seed = 42;
    Path out = null;
    double risky = 0.05;
    double defaultSa = 0.10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size" -> size = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--risky" -> risky = Double.parseDouble(args[++i]);
        case "--default-sa" -> defaultSa = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--size S|M|L|XL|<objects> --seed N --out DIR [--risky 0.05] [--default-sa 0.10])");
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    int total = switch (size) {
      case "S" -> 1_000;
      case "M" -> 10_000;
      case "L" -> 100_000;
      case "XL" -> 300_000;
      default -> Integer.parseInt(size);
    };
    deleteTree(out);
    long count = new ClusterGenerator(seed, risky, defaultSa).write(out, Math.max(1, total / PER_NAMESPACE));
    System.out.println("wrote " + count + " objects to " + out);
  }

  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  long write(Path out, int namespaces) throws IOException {
    Files.createDirectories(out.resolve("cluster"));
    for (int n = 0; n < namespaces; n++) {
      writeNamespace(out, n, namespaces);
    }
    flushCluster(out);
    return objects;
  }

  void writeNamespace(Path out, int n, int namespaces) throws IOException {
    String team = TEAMS[n % TEAMS.length];
    String ns = team + "-" + String.format("%05d", n);
    Path dir = out.resolve(ns);
    Files.createDirectories(dir);
    StringBuilder rbac = new StringBuilder();
    StringBuilder work = new StringBuilder();
    StringBuilder config = new StringBuilder();
    doc(rbac, "v1", "Namespace", null, ns, "  labels:\n    team: " + team + "\n", "");
    String[] sas = new String[8];
    for (int i = 0; i < sas.length; i++) {
      sas[i] = team + "-svc-" + i;
      doc(rbac, "v1", "ServiceAccount", ns, sas[i], labels(team, sas[i]),
          random.nextInt(4) == 0 ? "automountServiceAccountToken: false\n" : "");
      doc(rbac, "v1", "Secret", ns, sas[i] + "-token",
          "  annotations:\n    kubernetes.io/service-account.name: " + sas[i] + "\n",
          "type: kubernetes.io/service-account-token\ndata:\n  ca.crt: " + fake(96) + "\n  namespace: "
              + b64(ns) + "\n  token: " + fake(180) + "\n");
    }
    for (int i = 0; i < 6; i++) {
      doc(rbac, "rbac.authorization.k8s.io/v1", "Role", ns, team + "-role-" + i, labels(team, "role"),
          "rules:\n" + readRule() + (chance(risky) ? pick(RISKY_RULES) : ""));
    }
    for (int i = 0; i < 10; i++) {
      String roleRef = switch (i % 5) {
        case 0, 1, 2 -> "  kind: Role\n  name: " + team + "-role-" + (i % 6) + "\n";
        case 3 -> "  kind: ClusterRole\n  name: " + pick(new String[] {"view", "edit", "admin"}) + "\n";
        default -> "  kind: ClusterRole\n  name: bench-cr-" + random.nextInt(namespaces * 3) + "\n";
      };
      String subject = switch (i % 5) {
        case 0 -> "- kind: ServiceAccount\n  name: " + sas[i % 8] + "\n  namespace: " + ns + "\n";
        case 1 -> "- kind: ServiceAccount\n  name: " + sas[(i + 3) % 8] + "\n"; // namespace from the binding
        case 2 -> "- kind: User\n  apiGroup: rbac.authorization.k8s.io\n  name: dev-" + random.nextInt(5000)
            + "@example.com\n";
        case 3 -> "- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: team-" + team + "\n";
        default -> chance(defaultSa)
            ? "- kind: ServiceAccount\n  name: default\n  namespace: " + ns + "\n"
            : "- kind: ServiceAccount\n  name: " + sas[i % 8] + "\n  namespace: " + ns + "\n";
      };
      doc(rbac, "rbac.authorization.k8s.io/v1", "RoleBinding", ns, team + "-binding-" + i, labels(team, "rbac"),
          "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n" + roleRef + "subjects:\n" + subject);
    }
    for (int i = 0; i < 40; i++) {
      String kind = WORKLOAD_KINDS[i % WORKLOAD_KINDS.length];
      String name = team + "-" + kind.toLowerCase() + "-" + i;
      String sa = chance(defaultSa) ? null : sas[random.nextInt(sas.length)];
      doc(work, kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("DaemonSet")
              || kind.equals("ReplicaSet") ? "apps/v1" : kind.equals("Job") ? "batch/v1"
              : kind.equals("CronJob") ? "batch/v1" : "v1",
          kind, ns, name, labels(team, name), workloadSpec(kind, name, team, sa));
    }
    for (int i = 0; i < 12; i++) {
      doc(config, "v1", "ConfigMap", ns, team + "-config-" + i, labels(team, "config"),
          "data:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n  app.properties: |\n    server.port=8080\n"
              + "    cache.ttl=" + random.nextInt(600) + "\n");
    }
    for (int i = 0; i < 10; i++) {
      doc(config, "v1", "Service", ns, team + "-svc-" + i, labels(team, "svc"),
          "spec:\n  selector:\n    app.kubernetes.io/name: " + team + "-deployment-" + i
              + "\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n");
    }
    Files.writeString(dir.resolve("rbac.yaml"), rbac);
    Files.writeString(dir.resolve("workloads.yaml"), work);
    Files.writeString(dir.resolve("config.yaml"), config);
    writeClusterScoped(out, n, team, ns, sas, namespaces);
  }

  void writeClusterScoped(Path out, int n, String team, String ns, String[] sas, int namespaces) throws IOException {
    for (int i = 0; i < 3; i++) {
      int id = n * 3 + i;
      String name = "bench-cr-" + id;
      if (id % 15 == 0) {
        // Aggregated, as operators ship them (knative, kube-prometheus): rules come from labelled roles.
        doc(clusterDocs, "rbac.authorization.k8s.io/v1", "ClusterRole", null, name, labels(team, "aggregate"),
            "aggregationRule:\n  clusterRoleSelectors:\n  - matchLabels:\n      bench.example/aggregate-to: group-"
                + (id / 15) % Math.max(1, namespaces / 5) + "\nrules: []\n");
      } else {
        String aggregateTo = id % 7 == 0 ? "    rbac.authorization.k8s.io/aggregate-to-"
            + (id % 2 == 0 ? "view" : "edit") + ": \"true\"\n" : "";
        doc(clusterDocs, "rbac.authorization.k8s.io/v1", "ClusterRole", null, name,
            labels(team, "crd") + "    bench.example/aggregate-to: group-" + random.nextInt(Math.max(1, namespaces / 5))
                + "\n" + aggregateTo,
            "rules:\n" + rule(team + ".example.com", "widgets, widgets/status", "get, list, watch")
                + (chance(risky) ? pick(RISKY_CLUSTER_RULES) : "")
                + (chance(risky / 2) ? pick(RISKY_RULES) : ""));
      }
      clusterCount++;
    }
    for (int i = 0; i < 2; i++) {
      String roleRef = chance(risky / 10) ? "cluster-admin" : "bench-cr-" + (n * 3 + i);
      String subject = i == 0
          ? "- kind: ServiceAccount\n  name: " + sas[random.nextInt(sas.length)] + "\n  namespace: " + ns + "\n"
          : "- kind: Group\n  apiGroup: rbac.authorization.k8s.io\n  name: team-" + team + "-readers\n";
      doc(clusterDocs, "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", null, ns + "-crb-" + i,
          labels(team, "rbac"),
          "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: " + roleRef
              + "\nsubjects:\n" + subject);
      clusterCount++;
    }
    if (clusterCount >= 300) {
      flushCluster(out);
    }
  }

  void flushCluster(Path out) throws IOException {
    if (clusterDocs.length() > 0) {
      Files.writeString(out.resolve("cluster").resolve(String.format("cluster-rbac-%04d.yaml", clusterFile++)),
          clusterDocs);
      clusterDocs.setLength(0);
      clusterCount = 0;
    }
  }

  String workloadSpec(String kind, String name, String team, String sa) {
    StringBuilder pod = new StringBuilder();
    String podIndent = switch (kind) {
      case "Pod" -> "";
      case "CronJob" -> "        ";
      default -> "    ";
    };
    pod.append(podIndent).append("spec:\n");
    String i = podIndent + "  ";
    if (sa != null) {
      pod.append(i).append("serviceAccountName: ").append(sa).append('\n');
    }
    if (kind.equals("Job") || kind.equals("CronJob")) {
      pod.append(i).append("restartPolicy: OnFailure\n");
    }
    boolean hostRisk = chance(risky);
    if (hostRisk) {
      pod.append(i).append("hostNetwork: true\n");
    }
    pod.append(i).append("securityContext:\n").append(i).append("  runAsNonRoot: true\n")
        .append(i).append("  seccompProfile:\n").append(i).append("    type: RuntimeDefault\n");
    pod.append(i).append("containers:\n")
        .append(i).append("- name: app\n")
        .append(i).append("  image: registry.example.com/").append(team).append('/').append(name)
        .append(':').append(random.nextInt(10)).append('.').append(random.nextInt(20)).append(".0\n")
        .append(i).append("  ports:\n").append(i).append("  - containerPort: 8080\n")
        .append(i).append("    name: http\n")
        .append(i).append("  env:\n").append(i).append("  - name: POD_NAMESPACE\n")
        .append(i).append("    valueFrom:\n").append(i).append("      fieldRef:\n")
        .append(i).append("        fieldPath: metadata.namespace\n")
        .append(i).append("  resources:\n").append(i).append("    requests:\n")
        .append(i).append("      cpu: 100m\n").append(i).append("      memory: 128Mi\n")
        .append(i).append("  securityContext:\n")
        .append(i).append("    allowPrivilegeEscalation: ").append(hostRisk).append('\n')
        .append(i).append("    privileged: ").append(hostRisk).append('\n')
        .append(i).append("  volumeMounts:\n").append(i).append("  - name: data\n")
        .append(i).append("    mountPath: /data\n");
    pod.append(i).append("volumes:\n").append(i).append("- name: data\n");
    if (hostRisk) {
      pod.append(i).append("  hostPath:\n").append(i).append("    path: /var/run\n");
    } else {
      pod.append(i).append("  emptyDir: {}\n");
    }
    String template = kind.equals("Pod") ? "" : podIndent.substring(2) + "template:\n" + podIndent + "metadata:\n" + podIndent
        + "  labels:\n" + podIndent + "    app.kubernetes.io/name: " + name + "\n" + pod;
    String selector = "  selector:\n    matchLabels:\n      app.kubernetes.io/name: " + name + "\n";
    return switch (kind) {
      case "Pod" -> pod.toString();
      case "Deployment", "StatefulSet", "ReplicaSet" -> "spec:\n  replicas: " + (1 + random.nextInt(3)) + "\n"
          + selector + (kind.equals("StatefulSet") ? "  serviceName: " + name + "\n" : "") + template;
      case "DaemonSet" -> "spec:\n" + selector + template;
      case "ReplicationController" -> "spec:\n  replicas: 2\n  selector:\n    app.kubernetes.io/name: " + name
          + "\n" + template;
      case "Job" -> "spec:\n  backoffLimit: 3\n" + template;
      default -> "spec:\n  schedule: \"" + random.nextInt(60) + " * * * *\"\n  jobTemplate:\n    spec:\n"
          + template;
    };
  }

  String readRule() {
    return rule("\"\"", READ_RESOURCES[random.nextInt(READ_RESOURCES.length)] + ", "
        + READ_RESOURCES[random.nextInt(READ_RESOURCES.length)], "get, list, watch");
  }

  void doc(StringBuilder sb, String apiVersion, String kind, String ns, String name, String metaExtra, String body) {
    sb.append("---\napiVersion: ").append(apiVersion).append("\nkind: ").append(kind)
        .append("\nmetadata:\n  name: ").append(name).append('\n');
    if (ns != null) {
      sb.append("  namespace: ").append(ns).append('\n');
    }
    sb.append(metaExtra).append(body);
    objects++;
  }

  static String labels(String team, String name) {
    return "  labels:\n    app.kubernetes.io/part-of: " + team + "\n    app.kubernetes.io/component: " + name + "\n";
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  String fake(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
