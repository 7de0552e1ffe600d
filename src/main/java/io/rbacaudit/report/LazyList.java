package io.rbacaudit.report;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * A read-only view of a list through a function, applied on each access and never stored. Reports give Jackson the
 * findings' shapes this way: each shape is built as it is written and dropped right after, so a report of 200,000
 * findings never holds 200,000 shapes at once (at the XL benchmark size they would not fit a 1 GB heap next to the
 * scan itself).
 */
final class LazyList<S, T> extends AbstractList<T> implements RandomAccess {

  private final List<S> source;
  private final Function<? super S, ? extends T> shape;

  private LazyList(List<S> source, Function<? super S, ? extends T> shape) {
    this.source = source;
    this.shape = shape;
  }

  static <S, T> List<T> of(List<S> source, Function<? super S, ? extends T> shape) {
    return new LazyList<>(source, shape);
  }

  @Override
  public T get(int index) {
    return shape.apply(source.get(index));
  }

  @Override
  public int size() {
    return source.size();
  }
}
