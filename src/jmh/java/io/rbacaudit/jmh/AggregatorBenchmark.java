package io.rbacaudit.jmh;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.AggregationMode;
import io.rbacaudit.rbac.Aggregator;
import io.rbacaudit.rbac.EffectiveRule;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ClusterRole aggregation over every ClusterRole of the generated cluster and the default roles, as the Authorizer
 * runs it once when it is built: {@code compute} derives aggregated roles' rules from their selectors (to the fixed
 * point), {@code stored} keeps the stored rules and attributes each to the role it comes from (live-cluster reads).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AggregatorBenchmark {

  List<Role> clusterRoles;

  @Setup(Level.Trial)
  public void select(GeneratedCluster cluster) {
    clusterRoles = cluster.inventory.roles().stream().filter(r -> r.kind() == RoleKind.CLUSTER_ROLE).toList();
    long aggregated = clusterRoles.stream().filter(Role::isAggregated).count();
    System.out.printf("%n%s: %d ClusterRoles, %d of them aggregated%n", cluster.size, clusterRoles.size(), aggregated);
  }

  @Benchmark
  public Map<String, List<EffectiveRule>> compute() {
    return Aggregator.effectiveRules(clusterRoles, AggregationMode.COMPUTE);
  }

  @Benchmark
  public Map<String, List<EffectiveRule>> stored() {
    return Aggregator.effectiveRules(clusterRoles, AggregationMode.STORED);
  }
}
