import io.rbacaudit.graph.AccessGraph;
import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.AggregationMode;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleEngine;
import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSelection;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import io.rbacaudit.rules.Templates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules phase of a scan apart from load and reports: loads the manifests once (as scan does, with the default
 * roles), then per round builds a fresh authorizer and scan context (so nothing is cached across rounds) and times
 * the whole rule engine (wall, and CPU of all threads), each check on its own (thread CPU, one after another, in the
 * engine's order, on a context of its own round), and the access graph alone. Round 1 is as cold as in a scan; the
 * later rounds show the warmed-up cost.
 *
 * <p>Usage: {@code java -Xmx1g -cp target/rbac-audit.jar:target/bench/classes RulesBench DIR [rounds]}
 */
public final class RulesBench {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    String dir = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Inventory inventory = KubernetesDefaults.apply(
        new ManifestLoader(LoadOptions.defaults(), System.in).load(List.of(dir)), DefaultsMode.ROLES);
    List<RuleSpec> rules = RuleLoader.builtIn();
    RuleEngine engine = new RuleEngine(rules, RuleSelection.all());
    for (int round = 1; round <= rounds; round++) {
      ScanContext context = context(inventory); // as scan does, before the rules phase
      long cpu0 = processCpu();
      long gc0 = gcMillis();
      long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long t0 = System.nanoTime();
      List<Finding> findings = engine.run(context);
      long t1 = System.nanoTime();
      long cpu1 = processCpu();
      System.out.printf("round %d: engine %.0f ms wall, %.0f ms CPU (all threads), GC %d ms, JIT %d ms, %d findings%n",
          round, (t1 - t0) / 1e6, (cpu1 - cpu0) / 1e6, gcMillis() - gc0,
          ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0, findings.size());
      perCheck(rules, inventory);
      long g0 = THREADS.getCurrentThreadCpuTime();
      AccessGraph graph = AccessGraph.build(inventory, authorizer(inventory));
      System.out.printf("  graph alone: %.0f ms CPU, %d vertices %d edges%n",
          (THREADS.getCurrentThreadCpuTime() - g0) / 1e6, graph.vertices().size(), graph.edges().size());
    }
  }

  /** Each check on its own thread CPU clock, phase by phase as the engine runs them (derived checks see the rest). */
  private static void perCheck(List<RuleSpec> rules, Inventory inventory) {
    ScanContext context = context(inventory);
    Map<String, Double> byTemplate = new TreeMap<>();
    List<Finding> first = new ArrayList<>();
    for (boolean derived : new boolean[] {false, true}) {
      if (derived) {
        first.sort(RuleEngine.FINDING_ORDER);
        context = context.withPriorFindings(first);
      }
      for (RuleSpec spec : rules) {
        Template template = Templates.find(spec.template()).orElseThrow();
        if (template.derived() != derived) {
          continue;
        }
        long s = THREADS.getCurrentThreadCpuTime();
        first.addAll(template.compile(spec).run(context));
        byTemplate.merge(spec.template(), (THREADS.getCurrentThreadCpuTime() - s) / 1e6, Double::sum);
      }
    }
    List<Map.Entry<String, Double>> top = new ArrayList<>(byTemplate.entrySet());
    top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    double total = top.stream().mapToDouble(Map.Entry::getValue).sum();
    StringBuilder line = new StringBuilder(String.format("  checks one by one: %.0f ms CPU;", total));
    for (Map.Entry<String, Double> e : top.subList(0, Math.min(10, top.size()))) {
      line.append(String.format(" %s %.0f", e.getKey(), e.getValue()));
    }
    System.out.println(line);
  }

  private static ScanContext context(Inventory inventory) {
    return new ScanContext(inventory, authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
  }

  private static Authorizer authorizer(Inventory inventory) {
    return new Authorizer(inventory, AggregationMode.COMPUTE);
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
