package io.rbacaudit.load;

import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** The pod spec of a Pod or of a controller's pod template: only what matters for tokens and node access. */
final class WorkloadDecoder {

  private WorkloadDecoder() {}

  static PodSpec podSpec(WorkloadKind kind, MappingNode obj, NodeReader r) {
    String[] steps = switch (kind) {
      case POD -> new String[] {"spec"};
      case CRON_JOB -> new String[] {"spec", "jobTemplate", "spec", "template", "spec"};
      default -> new String[] {"spec", "template", "spec"};
    };
    MappingNode at = obj;
    String path = "";
    for (String step : steps) {
      MappingNode next = r.optionalMapping(at, step, path);
      path = NodeReader.child(path, step);
      if (next == null) {
        throw r.error(NodeReader.get(at, step) == null ? at : NodeReader.get(at, step), path,
            "missing; a " + kind.kubeName() + " needs a pod spec at " + String.join(".", steps));
      }
      at = next;
    }
    return podSpec(at, path, r);
  }

  private static PodSpec podSpec(MappingNode spec, String path, NodeReader r) {
    List<PodSpec.Container> containers = new ArrayList<>();
    containers(spec, "containers", path, PodSpec.ContainerType.CONTAINER, r, containers);
    containers(spec, "initContainers", path, PodSpec.ContainerType.INIT, r, containers);
    containers(spec, "ephemeralContainers", path, PodSpec.ContainerType.EPHEMERAL, r, containers);
    return new PodSpec(
        r.string(spec, "serviceAccountName", path),
        r.string(spec, "serviceAccount", path),
        r.bool(spec, "automountServiceAccountToken", path),
        r.flag(spec, "hostPID", path),
        r.flag(spec, "hostNetwork", path),
        r.flag(spec, "hostIPC", path),
        r.string(spec, "nodeName", path),
        volumes(spec, path, r),
        containers);
  }

  private static List<PodSpec.Volume> volumes(MappingNode spec, String path, NodeReader r) {
    List<Node> items = r.list(spec, "volumes", path);
    List<PodSpec.Volume> out = new ArrayList<>(items.size());
    String base = NodeReader.child(path, "volumes");
    for (int i = 0; i < items.size(); i++) {
      String vp = NodeReader.item(base, i);
      if (!NodeReader.isNull(items.get(i))) {
        out.add(volume(r.mapping(items.get(i), vp), vp, r));
      }
    }
    return out;
  }

  private static PodSpec.Volume volume(MappingNode v, String path, NodeReader r) {
    String name = r.string(v, "name", path);
    MappingNode secret = r.optionalMapping(v, "secret", path);
    if (secret != null) {
      String secretName = r.string(secret, "secretName", NodeReader.child(path, "secret"));
      return new PodSpec.Volume(name, PodSpec.VolumeType.SECRET, secretName, false, List.of(), null);
    }
    MappingNode projected = r.optionalMapping(v, "projected", path);
    if (projected != null) {
      return projected(name, projected, NodeReader.child(path, "projected"), r);
    }
    MappingNode hostPath = r.optionalMapping(v, "hostPath", path);
    if (hostPath != null) {
      String p = r.string(hostPath, "path", NodeReader.child(path, "hostPath"));
      return new PodSpec.Volume(name, PodSpec.VolumeType.HOST_PATH, null, false, List.of(), p);
    }
    return new PodSpec.Volume(name, PodSpec.VolumeType.OTHER, null, false, List.of(), null);
  }

  private static PodSpec.Volume projected(String name, MappingNode projected, String path, NodeReader r) {
    boolean token = false;
    List<String> secretNames = new ArrayList<>();
    List<Node> sources = r.list(projected, "sources", path);
    for (int i = 0; i < sources.size(); i++) {
      if (NodeReader.isNull(sources.get(i))) {
        continue;
      }
      String sp = NodeReader.item(NodeReader.child(path, "sources"), i);
      MappingNode source = r.mapping(sources.get(i), sp);
      if (!NodeReader.isNull(NodeReader.get(source, "serviceAccountToken"))) {
        token = true;
      }
      MappingNode secret = r.optionalMapping(source, "secret", sp);
      if (secret != null) {
        String secretName = r.string(secret, "name", NodeReader.child(sp, "secret"));
        if (secretName != null) {
          secretNames.add(secretName);
        }
      }
    }
    return new PodSpec.Volume(name, PodSpec.VolumeType.PROJECTED, null, token, secretNames, null);
  }

  private static void containers(MappingNode spec, String key, String path, PodSpec.ContainerType type,
      NodeReader r, List<PodSpec.Container> out) {
    List<Node> items = r.list(spec, key, path);
    String base = NodeReader.child(path, key);
    for (int i = 0; i < items.size(); i++) {
      String cp = NodeReader.item(base, i);
      if (!NodeReader.isNull(items.get(i))) {
        out.add(container(r.mapping(items.get(i), cp), cp, type, r));
      }
    }
  }

  private static PodSpec.Container container(MappingNode c, String path, PodSpec.ContainerType type,
      NodeReader r) {
    MappingNode sc = r.optionalMapping(c, "securityContext", path);
    boolean privileged = sc != null && r.flag(sc, "privileged", NodeReader.child(path, "securityContext"));
    List<PodSpec.VolumeMount> mounts = new ArrayList<>();
    List<Node> mountItems = r.list(c, "volumeMounts", path);
    for (int i = 0; i < mountItems.size(); i++) {
      String mp = NodeReader.item(NodeReader.child(path, "volumeMounts"), i);
      if (!NodeReader.isNull(mountItems.get(i))) {
        MappingNode m = r.mapping(mountItems.get(i), mp);
        mounts.add(new PodSpec.VolumeMount(r.string(m, "name", mp), r.string(m, "mountPath", mp)));
      }
    }
    return new PodSpec.Container(r.string(c, "name", path), type, privileged, mounts, secretRefs(c, path, r));
  }

  /** Secrets read through env[].valueFrom.secretKeyRef and envFrom[].secretRef; never an env value itself. */
  private static List<String> secretRefs(MappingNode c, String path, NodeReader r) {
    List<String> out = new ArrayList<>();
    List<Node> env = r.list(c, "env", path);
    for (int i = 0; i < env.size(); i++) {
      String ep = NodeReader.item(NodeReader.child(path, "env"), i);
      if (NodeReader.isNull(env.get(i))) {
        continue;
      }
      MappingNode from = r.optionalMapping(r.mapping(env.get(i), ep), "valueFrom", ep);
      MappingNode ref = from == null ? null
          : r.optionalMapping(from, "secretKeyRef", NodeReader.child(ep, "valueFrom"));
      addName(ref, NodeReader.child(ep, "valueFrom.secretKeyRef"), r, out);
    }
    List<Node> envFrom = r.list(c, "envFrom", path);
    for (int i = 0; i < envFrom.size(); i++) {
      String ep = NodeReader.item(NodeReader.child(path, "envFrom"), i);
      if (!NodeReader.isNull(envFrom.get(i))) {
        addName(r.optionalMapping(r.mapping(envFrom.get(i), ep), "secretRef", ep),
            NodeReader.child(ep, "secretRef"), r, out);
      }
    }
    return out;
  }

  private static void addName(MappingNode ref, String path, NodeReader r, List<String> out) {
    if (ref != null) {
      String name = r.string(ref, "name", path);
      if (name != null && !name.isEmpty() && !out.contains(name)) {
        out.add(name);
      }
    }
  }
}
