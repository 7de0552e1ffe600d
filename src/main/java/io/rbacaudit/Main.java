package io.rbacaudit;

import io.rbacaudit.cli.Cli;

/** Entry point: all work happens in {@link Cli#run}, which tests call in-process. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(args, System.in, System.out, System.err));
  }
}
