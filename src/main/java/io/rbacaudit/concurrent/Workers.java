package io.rbacaudit.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The thread pools of one command: parsing a folder's YAML, running a phase's checks, writing reports. Threads are
 * daemons (a pool left behind never keeps the JVM alive) and named after their job, so a thread dump says who is
 * busy.
 */
public final class Workers {

  private Workers() {}

  /** A pool of as many threads as the machine has cores, at most {@code tasks} (and at least one). */
  public static ExecutorService pool(String name, int tasks) {
    return threads(name, Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), tasks)));
  }

  private static ExecutorService threads(String name, int threads) {
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "rbac-audit-" + name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether more than one task could run at once here. */
  public static boolean parallel(int tasks) {
    return Math.min(Runtime.getRuntime().availableProcessors(), tasks) > 1;
  }

  /**
   * Runs independent tasks (the reports of one scan, each to its own file) side by side, a thread each. Every task
   * runs to its end even when another fails; the first failure in task order is then rethrown as it was thrown.
   * A thread each rather than one per core: reports differ in length, and with fewer threads than tasks the last
   * one would start only when an earlier one ends, and then run alone while the other cores idle.
   */
  public static void runAll(String name, List<Runnable> tasks) {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    ExecutorService pool = threads(name, tasks.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      RuntimeException firstFailure = null;
      for (Future<?> f : futures) {
        try {
          join(f);
        } catch (RuntimeException e) {
          firstFailure = firstFailure == null ? e : firstFailure;
        }
      }
      if (firstFailure != null) {
        throw firstFailure;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The task's result; what it threw is rethrown as it was (runtime exceptions and errors), so callers see the same
   * failure as if they had run it themselves.
   */
  public static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
