package io.rbacaudit.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Report writing runs every task at once and to its end, and reports the first failure in task order, as it was
 * thrown.
 */
class WorkersTest {

  @Test
  void everyTaskRunsAndTheFirstFailureInTaskOrderIsRethrown() {
    AtomicInteger ran = new AtomicInteger();
    IllegalStateException first = new IllegalStateException("first");
    List<Runnable> tasks = List.of(
        () -> {
          ran.incrementAndGet();
          throw first;
        },
        ran::incrementAndGet,
        () -> {
          ran.incrementAndGet();
          throw new IllegalArgumentException("second");
        },
        ran::incrementAndGet);
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> Workers.runAll("test", tasks));
    assertSame(first, thrown);
    assertEquals(4, ran.get());
  }

  @Test
  void anErrorIsNotWrapped() {
    AssertionError error = new AssertionError("boom");
    List<Runnable> tasks = List.of(() -> {
      throw error;
    }, () -> { });
    assertSame(error, assertThrows(AssertionError.class, () -> Workers.runAll("test", tasks)));
  }

  @Test
  void everyTaskHasAThreadOfItsOwnEvenWithMoreTasksThanCores() {
    // All wait for each other: a task queued behind another would never reach the barrier, which then times out.
    int tasks = Runtime.getRuntime().availableProcessors() + 1;
    CyclicBarrier all = new CyclicBarrier(tasks);
    Workers.runAll("test", Collections.nCopies(tasks, () -> await(all)));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("not every task was running at once", e);
    }
  }
}
