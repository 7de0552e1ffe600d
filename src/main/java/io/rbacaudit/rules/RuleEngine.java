package io.rbacaudit.rules;

import io.rbacaudit.concurrent.Workers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the enabled rules over one scan context. Checks of ordinary templates run first; checks of derived templates
 * ({@link Template#derived()}) run second and see the first phase's findings in {@link ScanContext#priorFindings()}.
 * The result is sorted (severity, rule id, subject, namespace, key), so it does not depend on rule or input order.
 */
public final class RuleEngine {

  /** Most severe first, then rule id, subject, scope (cluster-wide first) and key; the message breaks ties. */
  public static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::ruleId, RuleLoader.ID_ORDER)
          .thenComparing(Finding::subject)
          .thenComparing(Finding::namespace, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::key)
          .thenComparing(Finding::message);

  private record Compiled(RuleSpec spec, Check check, boolean derived, boolean heavy) {}

  private final List<Compiled> compiled = new ArrayList<>();

  /**
   * Selects and compiles the rules.
   *
   * @throws IllegalArgumentException when {@code selection} names unknown rules (check
   *     {@link RuleSelection#problems} first to report them to the user)
   * @throws RuleDefinitionException when a rule names an unknown template or its params are rejected
   */
  public RuleEngine(List<RuleSpec> rules, RuleSelection selection) {
    this(rules, selection, Templates.builtIn());
  }

  /** With other templates than the built-in ones (tests). */
  RuleEngine(List<RuleSpec> rules, RuleSelection selection, Map<String, Template> templates) {
    Objects.requireNonNull(selection, "selection");
    List<String> problems = selection.problems(rules);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    List<String> compileProblems = new ArrayList<>();
    for (RuleSpec rule : rules.stream().sorted(Comparator.comparing(RuleSpec::id, RuleLoader.ID_ORDER)).toList()) {
      if (!selection.runs(rule.id())) {
        continue;
      }
      Severity override = selection.severity().get(rule.id());
      RuleSpec spec = override == null ? rule : rule.withSeverity(override);
      Template template = templates.get(spec.template());
      if (template == null) {
        compileProblems.add(spec.origin() + ": template: unknown template '" + spec.template() + "'");
        continue;
      }
      try {
        compiled.add(new Compiled(spec, template.compile(spec), template.derived(), template.heavy()));
      } catch (RuleDefinitionException e) {
        compileProblems.addAll(e.problems());
      }
    }
    if (!compileProblems.isEmpty()) {
      throw new RuleDefinitionException(compileProblems);
    }
  }

  /** The rules that run, with severity overrides applied, in id order. */
  public List<RuleSpec> rules() {
    return compiled.stream().map(Compiled::spec).toList();
  }

  /**
   * Every finding of every enabled rule, sorted by {@link #FINDING_ORDER}. Checks only read the context, so the
   * checks of a phase run side by side on the machine's cores; the result does not depend on which finishes first.
   */
  public List<Finding> run(ScanContext context) {
    ExecutorService pool = Workers.pool("rules", compiled.size());
    try {
      List<Finding> first = runPhase(pool, false, context);
      first.sort(FINDING_ORDER);
      List<Finding> all = new ArrayList<>(first);
      all.addAll(runPhase(pool, true, context.withPriorFindings(first)));
      all.sort(FINDING_ORDER);
      return List.copyOf(all);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Finding> runPhase(ExecutorService pool, boolean derived, ScanContext context) {
    List<Compiled> phase = new ArrayList<>();
    for (Compiled c : compiled) {
      if (c.derived() == derived) {
        phase.add(c);
      }
    }
    // Longest first: a heavy check started last would leave the other cores idle at the end.
    phase.sort(Comparator.comparing((Compiled c) -> !c.heavy()));
    List<Future<List<Finding>>> results = new ArrayList<>();
    for (Compiled c : phase) {
      results.add(pool.submit(() -> runOne(c, context)));
    }
    List<Finding> out = new ArrayList<>();
    for (Future<List<Finding>> f : results) {
      out.addAll(Workers.join(f));
    }
    return out;
  }

  private static List<Finding> runOne(Compiled c, ScanContext context) {
    try {
      return c.check().run(context);
    } catch (RuntimeException e) {
      throw new IllegalStateException("rule " + c.spec().id() + " failed: " + e, e);
    }
  }
}
