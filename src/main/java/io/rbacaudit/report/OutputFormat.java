package io.rbacaudit.report;

/** Output formats of the query commands (can-i, who-can, permissions, version). */
public enum OutputFormat {
  TEXT,
  JSON
}
