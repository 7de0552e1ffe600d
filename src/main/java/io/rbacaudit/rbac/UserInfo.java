package io.rbacaudit.rbac;

import java.util.List;
import java.util.Objects;

/** The identity a request is made as: a user name and its groups, used exactly as given. */
public record UserInfo(String name, List<String> groups) {
  public UserInfo {
    Objects.requireNonNull(name, "name");
    groups = List.copyOf(groups);
  }
}
