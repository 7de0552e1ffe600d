package io.rbacaudit.rules;

import java.util.List;
import java.util.Objects;

/**
 * One rule folder ({@code <category>/<ID>-<name>/}), wherever it was read from: the jar's built-in {@code rules/}
 * or a folder given with {@code --rules}.
 *
 * @param path the folder as messages show it: {@code builtin:rules/credentials/RBAC-201-secrets-read}, or the
 *     user's path
 * @param parentName the name of the folder that holds it (the category, for built-in rules)
 * @param name the folder's own name
 * @param files the names of the files in it, sorted
 * @param ruleText the text of its {@code rule.yaml}
 * @param builtIn shipped with rbac-audit (stricter ids)
 */
record RuleFolder(String path, String parentName, String name, List<String> files, String ruleText, boolean builtIn) {

  static final String RULE_FILE = "rule.yaml";

  RuleFolder {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ruleText, "ruleText");
    files = files.stream().sorted().toList();
  }

  String ruleFile() {
    return path + "/" + RULE_FILE;
  }
}
