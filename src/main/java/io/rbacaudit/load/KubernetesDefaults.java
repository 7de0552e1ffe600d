package io.rbacaudit.load;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The Kubernetes bootstrap roles and bindings bundled in the jar (copied from spec/kubernetes-defaults), read
 * with the same loader as user input and marked {@code builtIn}. Their locations are
 * {@code builtin:kubernetes-defaults/<file>} with real lines.
 */
public final class KubernetesDefaults {

  public static final String SOURCE_PREFIX = Location.BUILTIN_PREFIX + "kubernetes-defaults/";

  static final List<String> ROLE_FILES =
      List.of("cluster-roles.yaml", "controller-roles.yaml", "namespace-roles.yaml");
  static final List<String> BINDING_FILES =
      List.of("cluster-role-bindings.yaml", "controller-role-bindings.yaml", "namespace-role-bindings.yaml");

  private static final String RESOURCE_FOLDER = "/io/rbacaudit/defaults/";

  private KubernetesDefaults() {}

  /**
   * Adds the bundled Kubernetes default roles (ROLES) or roles and bindings (ALL) with builtIn=true; an input
   * object of the same kind/namespace/name always wins over a built-in. NONE returns the inventory unchanged.
   */
  public static Inventory apply(Inventory inputs, DefaultsMode mode) {
    if (mode == DefaultsMode.NONE) {
      return inputs;
    }
    Bundled bundled = Bundled.INSTANCE;
    List<Role> roles = withDefaults(inputs.roles(), bundled.roles, Role::ref);
    List<Binding> bindings = mode == DefaultsMode.ALL
        ? withDefaults(inputs.bindings(), bundled.bindings, Binding::ref)
        : inputs.bindings();
    List<Problem> problems = inputs.problems();
    if (!bundled.problems.isEmpty()) {
      problems = new ArrayList<>(problems); // a packaging bug: say so rather than hide it
      problems.addAll(bundled.problems);
    }
    return new Inventory(roles, bindings, inputs.serviceAccounts(), inputs.secrets(), inputs.namespaces(),
        inputs.workloads(), inputs.sources(), inputs.skippedKinds(), problems);
  }

  /** Every bundled default role (ClusterRoles and namespaced Roles), whatever the inputs define. */
  public static List<Role> builtInRoles() {
    return Bundled.INSTANCE.roles;
  }

  /** Every bundled default binding, whatever the inputs define. */
  public static List<Binding> builtInBindings() {
    return Bundled.INSTANCE.bindings;
  }

  private static <T> List<T> withDefaults(List<T> inputs, List<T> defaults, Function<T, ObjectRef> ref) {
    Set<ObjectRef> defined = new HashSet<>();
    for (T t : inputs) {
      defined.add(ref.apply(t));
    }
    List<T> out = new ArrayList<>(inputs.size() + defaults.size());
    out.addAll(inputs);
    for (T d : defaults) {
      if (!defined.contains(ref.apply(d))) {
        out.add(d);
      }
    }
    return out;
  }

  /** Parsed once per JVM, on first use: the defaults are immutable records. */
  private static final class Bundled {
    static final Bundled INSTANCE = new Bundled();

    final List<Role> roles;
    final List<Binding> bindings;
    final List<Problem> problems;

    private Bundled() {
      List<Role> roles = new ArrayList<>();
      List<Binding> bindings = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      ManifestLoader loader = new ManifestLoader(LoadOptions.defaults(), null);
      for (String file : ROLE_FILES) {
        Inventory inv = loader.loadText(SOURCE_PREFIX + file, read(file));
        problems.addAll(inv.problems());
        for (Role r : inv.roles()) {
          roles.add(new Role(r.kind(), r.meta(), r.rules(), r.aggregationSelectors(), true));
        }
      }
      for (String file : BINDING_FILES) {
        Inventory inv = loader.loadText(SOURCE_PREFIX + file, read(file));
        problems.addAll(inv.problems());
        for (Binding b : inv.bindings()) {
          bindings.add(new Binding(b.kind(), b.meta(), b.roleRef(), b.subjects(), true));
        }
      }
      this.roles = List.copyOf(roles);
      this.bindings = List.copyOf(bindings);
      this.problems = List.copyOf(problems);
    }

    private static String read(String file) {
      try (InputStream in = KubernetesDefaults.class.getResourceAsStream(RESOURCE_FOLDER + file)) {
        if (in == null) {
          throw new IllegalStateException("missing bundled resource " + RESOURCE_FOLDER + file);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
