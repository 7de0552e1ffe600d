package io.rbacaudit.cli;

import io.rbacaudit.concurrent.Workers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs independent tasks (the reports of one scan, each to its own file) on the machine's cores. Every task runs to
 * its end even when another fails; the first failure in task order is then rethrown as it was thrown.
 */
final class Parallel {

  private Parallel() {}

  static void runAll(List<Runnable> tasks) {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    ExecutorService pool = Workers.pool("report", tasks.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      tasks.forEach(t -> futures.add(pool.submit(t)));
      RuntimeException firstFailure = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          if (firstFailure == null) {
            firstFailure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while the reports were written", e);
        }
      }
      if (firstFailure != null) {
        throw firstFailure;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
