#!/usr/bin/env bash
# A real Kubernetes v1.20.2 control plane (etcd + kube-apiserver + kube-controller-manager) on loopback, for tests.
#
#   .ci/kube-apiserver.sh build        install packages, fetch the source, build and cache the binaries (idempotent)
#   .ci/kube-apiserver.sh start DIR    build if needed, then start everything with certs, tokens, data and logs in DIR
#   .ci/kube-apiserver.sh stop DIR     stop what `start DIR` started
#   .ci/kube-apiserver.sh status DIR   exit 0 when the cluster in DIR is up and ready
#
# After `start DIR`:
#   DIR/admin.kubeconfig     token user "rbac-audit-admin" in group system:masters
#   DIR/admin.token          the same bearer token
#   DIR/admin-client.crt/key client certificate user "rbac-audit-admin-cert" (O=system:masters)
#   DIR/reader.token         token user "rbac-audit-reader" with no RBAC grants at all (for 403 paths)
#   DIR/ca.crt               the CA of the serving certificate and of client certificates
#   DIR/cluster.env          KUBE_API_SERVER=https://127.0.0.1:PORT, KUBECONFIG=..., KUBE_ADMIN_TOKEN=..., ports
#   DIR/*.log                etcd, kube-apiserver and kube-controller-manager logs
#
# Kubernetes comes from Debian bookworm's `kubernetes` source package (1.20.5+really1.20.2), built with Debian's
# golang-go (1.19) by the upstream `make` (plain `go build` lacks the generated OpenAPI code). The vendored
# github.com/modern-go/reflect2 v1.0.1 crashes at run time under Go >= 1.18, so it is replaced by the files of
# Debian's golang-github-modern-go-reflect2-dev (1.0.2) first. Binaries are cached in $RBAC_AUDIT_KUBE_CACHE
# (default /var/cache/rbac-audit/kube-v1.20.2), so only a fresh machine builds (about 7-10 minutes on 2 cores).
# Everything listens on 127.0.0.1 only, on free ports chosen at start. The aggregation controller runs alone
# (--controllers=clusterrole-aggregation); the ServiceAccount admission plugin is off so Pods can be stored.
set -euo pipefail

KUBE_VERSION=v1.20.2
DEB_SOURCE_VERSION_RE='^1\.20\.[0-9]+\+really1\.20\.2-'
CACHE=${RBAC_AUDIT_KUBE_CACHE:-/var/cache/rbac-audit/kube-$KUBE_VERSION}
BINARIES=(kube-apiserver kube-controller-manager)
PACKAGES=(golang-go etcd-server golang-github-modern-go-reflect2-dev dpkg-dev make gcc libc6-dev rsync
          openssl curl ca-certificates)
REFLECT2_SRC=/usr/share/gocode/src/github.com/modern-go/reflect2
READY_TIMEOUT=${KUBE_READY_TIMEOUT:-120}

say() { printf '[kube-apiserver.sh] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

usage() {
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------------------------
# Packages and build
# ---------------------------------------------------------------------------------------------------------------

apt_updated=false
apt_update() {
  $apt_updated && return 0
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || apt-get update -qq >&2 \
    || die "apt-get update failed"
  apt_updated=true
}

missing_packages() {
  local p
  for p in "$@"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || printf '%s\n' "$p"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  say "installing Debian packages: $(echo $missing)"
  apt_update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing >&2 \
    || die "apt-get install failed: $missing"
}

# A deb-src entry for the same archive (and suites) as the configured binary sources, so `apt-get source` works.
ensure_deb_src() {
  if apt-cache showsrc kubernetes 2>/dev/null | grep '^Package: kubernetes' >/dev/null; then
    return 0
  fi
  local f=/etc/apt/sources.list.d/rbac-audit-deb-src.sources
  local uri suites
  uri=$(grep -h -m1 '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 | awk '{print $2}')
  suites=$(grep -h -m1 '^Suites:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 | cut -d' ' -f2-)
  if [ -z "$uri" ]; then   # one-line format
    uri=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 | awk '{print $2}')
    suites=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 | awk '{print $3}')
  fi
  [ -n "$uri" ] || uri=http://deb.debian.org/debian
  [ -n "$suites" ] || suites=bookworm
  say "adding deb-src entry ($uri $suites)"
  cat >"$f" <<EOF
Types: deb-src
URIs: $uri
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt_updated=false
  apt_update
  apt-cache showsrc kubernetes 2>/dev/null | grep '^Package: kubernetes' >/dev/null \
    || die "no 'kubernetes' source package in $uri $suites (needs Debian bookworm)"
}

binaries_ok() {
  local b
  for b in "${BINARIES[@]}"; do
    [ -x "$CACHE/$b" ] || return 1
    [[ $("$CACHE/$b" --version 2>/dev/null) == *"$KUBE_VERSION"* ]] || return 1
  done
}

build() {
  install_packages "${PACKAGES[@]}"
  if binaries_ok; then
    say "using cached $KUBE_VERSION binaries in $CACHE"
    return 0
  fi
  mkdir -p "$CACHE"
  # One build at a time per cache (several worktrees or CI jobs may ask at once).
  exec 9>"$CACHE/.build.lock"
  if ! flock -n 9; then
    say "another build holds $CACHE/.build.lock; waiting"
    flock 9
  fi
  if binaries_ok; then
    say "using $KUBE_VERSION binaries built meanwhile in $CACHE"
    return 0
  fi
  ensure_deb_src
  local work="$CACHE/build" log="$CACHE/build.log" src
  rm -rf "$work"
  mkdir -p "$work"
  : >"$log"
  say "fetching Debian source package kubernetes"
  (cd "$work" && apt-get source -qq kubernetes) >>"$log" 2>&1 || { tail -n 20 "$log" >&2; die "apt-get source kubernetes failed (log: $log)"; }
  src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
  [ -n "$src" ] || die "no source tree after apt-get source (log: $log)"
  local debver
  debver=$(cd "$src" && dpkg-parsechangelog -S Version 2>/dev/null || true)
  [[ $debver =~ $DEB_SOURCE_VERSION_RE ]] || die "unexpected Debian kubernetes version '$debver' (want 1.20.x+really1.20.2)"

  say "replacing vendored modern-go/reflect2 1.0.1 with Debian's 1.0.2"
  local vr="$src/vendor/github.com/modern-go/reflect2"
  [ -d "$vr" ] && [ -f "$REFLECT2_SRC/go_above_118.go" ] || die "reflect2 sources not found ($vr, $REFLECT2_SRC)"
  find "$vr" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
  find "$REFLECT2_SRC" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' -exec cp {} "$vr/" \;

  say "building ${BINARIES[*]} with $(go version | awk '{print $3}') (log: $log; takes several minutes)"
  local start=$SECONDS what="" b
  for b in "${BINARIES[@]}"; do what="$what cmd/$b"; done
  # Debian's debian/rules builds the same way (static, CGO off).
  (cd "$src" && env CGO_ENABLED=0 GOFLAGS= make WHAT="${what# }") >>"$log" 2>&1 \
    || { tail -n 30 "$log" >&2; die "make failed (log: $log)"; }
  for b in "${BINARIES[@]}"; do
    local out
    out=$(find "$src/_output" -type f -path "*/bin/$b" | head -n1)
    [ -n "$out" ] || die "make produced no $b (log: $log)"
    cp "$out" "$CACHE/.$b.tmp"
    mv -f "$CACHE/.$b.tmp" "$CACHE/$b"
  done
  binaries_ok || die "built binaries do not report $KUBE_VERSION (log: $log)"
  say "built in $((SECONDS - start))s; cached in $CACHE"
  rm -rf "$work"
}

# ---------------------------------------------------------------------------------------------------------------
# Cluster
# ---------------------------------------------------------------------------------------------------------------

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p tries=0
  while :; do
    p=$((20000 + RANDOM % 30000))
    if port_free "$p" && ! grep -qx "$p" <<<"${TAKEN_PORTS:-}"; then
      TAKEN_PORTS="${TAKEN_PORTS:-}"$'\n'"$p"
      echo "$p"
      return 0
    fi
    tries=$((tries + 1))
    [ "$tries" -lt 200 ] || die "no free port found"
  done
}

pid_alive() { # pidfile binary-name
  local pid
  [ -f "$1" ] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"$2"* ]]
}

make_certs() {
  local d=$1
  [ -f "$d/ca.crt" ] && [ -f "$d/server.crt" ] && [ -f "$d/admin-client.crt" ] && [ -f "$d/sa.key" ] && return 0
  say "creating CA, serving certificate and client certificate in $d"
  (
    cd "$d"
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=rbac-audit-test-ca" \
      -keyout ca.key -out ca.crt -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout server.key -out server.csr
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc" \
      "extendedKeyUsage=serverAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile server.ext -out server.crt
    openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=rbac-audit-admin-cert" \
      -keyout admin-client.key -out admin-client.csr
    printf '%s\n' "extendedKeyUsage=clientAuth" "keyUsage=critical,digitalSignature,keyEncipherment" >client.ext
    openssl x509 -req -in admin-client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile client.ext -out admin-client.crt
    openssl genrsa -out sa.key 2048
    openssl rsa -in sa.key -pubout -out sa.pub
    rm -f server.csr admin-client.csr server.ext client.ext ca.srl
    chmod 644 ca.crt server.crt admin-client.crt sa.pub
  ) >"$d/certs.log" 2>&1 || { cat "$d/certs.log" >&2; die "openssl failed"; }
}

make_tokens() {
  local d=$1
  [ -f "$d/tokens.csv" ] && [ -f "$d/admin.token" ] && [ -f "$d/reader.token" ] && return 0
  local admin reader
  admin=$(openssl rand -hex 24)
  reader=$(openssl rand -hex 24)
  (umask 077
   printf '%s,rbac-audit-admin,uid-admin,"system:masters"\n%s,rbac-audit-reader,uid-reader\n' "$admin" "$reader" \
     >"$d/tokens.csv"
   printf '%s\n' "$admin" >"$d/admin.token"
   printf '%s\n' "$reader" >"$d/reader.token")
}

write_kubeconfig() { # dir port
  local d=$1 port=$2
  (umask 077
   cat >"$d/admin.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: rbac-audit-test
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority: $d/ca.crt
users:
- name: rbac-audit-admin
  user:
    token: $(cat "$d/admin.token")
contexts:
- name: rbac-audit-test
  context:
    cluster: rbac-audit-test
    user: rbac-audit-admin
current-context: rbac-audit-test
EOF
   cat >"$d/cluster.env" <<EOF
KUBE_API_SERVER=https://127.0.0.1:$port
KUBE_API_PORT=$port
KUBE_ETCD_PORT=$(cat "$d/etcd.port")
KUBECONFIG=$d/admin.kubeconfig
KUBE_CA_FILE=$d/ca.crt
KUBE_ADMIN_TOKEN=$(cat "$d/admin.token")
KUBE_READER_TOKEN=$(cat "$d/reader.token")
EOF
  )
}

api_get() { # dir path -> body (fails on HTTP error)
  local d=$1 port
  port=$(cat "$d/apiserver.port")
  curl -sS -f --max-time 5 --cacert "$d/ca.crt" -H "Authorization: Bearer $(cat "$d/admin.token")" \
    "https://127.0.0.1:$port$2"
}

api_ready() { # dir
  [ "$(api_get "$1" /readyz 2>/dev/null)" = ok ]
}

ready() { # dir: apiserver ready, bootstrap roles present and aggregated by the controller manager
  local d=$1
  pid_alive "$d/etcd.pid" etcd && pid_alive "$d/kube-apiserver.pid" kube-apiserver \
    && pid_alive "$d/kube-controller-manager.pid" kube-controller-manager || return 1
  api_ready "$d" || return 1
  # The controller manager fills the default aggregated role "admin"; before that its rules are empty.
  # (no `| grep -q` here: under pipefail, grep quitting early would fail the pipeline with SIGPIPE)
  [[ $(api_get "$d" /apis/rbac.authorization.k8s.io/v1/clusterroles/admin 2>/dev/null) == *'"verbs"'* ]]
}

launch() { # dir name log cmd... : start in its own session, record the pid
  local d=$1 name=$2 log=$3
  shift 3
  setsid nohup "$@" >"$log" 2>&1 </dev/null &
  local pid=$! i
  echo "$pid" >"$d/$name.pid"
  # Until the child has exec'd the program, its command line is still this script's: pid_alive would say "exited".
  for i in $(seq 1 50); do
    pid_alive "$d/$name.pid" "$name" && return 0
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
}

wait_for() { # seconds pidfile-name command... : until the command succeeds; fails early if the process died
  local limit=$1 name=$2
  shift 2
  local t0=$SECONDS
  until "$@"; do
    [ $((SECONDS - t0)) -lt "$limit" ] || return 1
    pid_alive "$WAIT_DIR/$name.pid" "$name" || { say "$name exited"; return 1; }
    sleep 0.5
  done
}

failed_start() { # dir name
  tail -n 30 "$1/$2.log" >&2 || true
  stop_cluster "$1" quiet
  die "$2 did not start (log: $1/$2.log)"
}

start() {
  local d=$1
  mkdir -p "$d"
  d=$(cd "$d" && pwd)
  if ready "$d"; then
    say "already running: $(grep KUBE_API_SERVER= "$d/cluster.env" | cut -d= -f2)"
    return 0
  fi
  stop_cluster "$d" quiet
  build
  WAIT_DIR=$d
  local bin=$CACHE
  make_certs "$d"
  make_tokens "$d"
  TAKEN_PORTS=
  local etcd_port etcd_peer api_port
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port)
  echo "$etcd_port" >"$d/etcd.port"
  echo "$api_port" >"$d/apiserver.port"

  say "starting etcd on 127.0.0.1:$etcd_port"
  mkdir -p "$d/etcd-data"
  chmod 700 "$d/etcd-data"
  launch "$d" etcd "$d/etcd.log" /usr/bin/etcd --name rbac-audit --data-dir "$d/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "rbac-audit=http://127.0.0.1:$etcd_peer" --initial-cluster-state new \
    --log-level warn --logger zap
  wait_for 30 etcd curl -sf --max-time 2 "http://127.0.0.1:$etcd_port/health" -o /dev/null \
    || failed_start "$d" etcd

  say "starting kube-apiserver $KUBE_VERSION on https://127.0.0.1:$api_port"
  launch "$d" kube-apiserver "$d/kube-apiserver.log" "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --endpoint-reconciler-type none \
    --tls-cert-file "$d/server.crt" --tls-private-key-file "$d/server.key" --cert-dir "$d/apiserver-certs" \
    --client-ca-file "$d/ca.crt" --token-auth-file "$d/tokens.csv" \
    --authorization-mode RBAC \
    --disable-admission-plugins ServiceAccount \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$d/sa.pub" --service-account-signing-key-file "$d/sa.key" \
    --api-audiences https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range 10.96.0.0/16 \
    --allow-privileged=true --profiling=false --v=1
  write_kubeconfig "$d" "$api_port"
  wait_for 90 kube-apiserver api_ready "$d" || failed_start "$d" kube-apiserver

  say "starting kube-controller-manager (clusterrole-aggregation only)"
  launch "$d" kube-controller-manager "$d/kube-controller-manager.log" "$bin/kube-controller-manager" \
    --kubeconfig "$d/admin.kubeconfig" --controllers clusterrole-aggregation --leader-elect=false \
    --port=0 --secure-port=0 --v=1
  wait_for "$READY_TIMEOUT" kube-controller-manager ready "$d" || failed_start "$d" kube-controller-manager
  say "ready: https://127.0.0.1:$api_port (kubeconfig $d/admin.kubeconfig)"
}

stop_one() { # dir name
  local d=$1 name=$2 pid i
  pid_alive "$d/$name.pid" "$name" || { rm -f "$d/$name.pid"; return 0; }
  pid=$(cat "$d/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  rm -f "$d/$name.pid"
}

stop_cluster() { # dir [quiet]
  local d=$1 quiet=${2:-}
  [ -d "$d" ] || { [ -n "$quiet" ] || say "nothing to stop in $d"; return 0; }
  local any=false n
  for n in kube-controller-manager kube-apiserver etcd; do
    pid_alive "$d/$n.pid" "$n" && any=true
  done
  if $any && [ -z "$quiet" ]; then say "stopping cluster in $d"; fi
  stop_one "$d" kube-controller-manager
  stop_one "$d" kube-apiserver
  stop_one "$d" etcd
}

main() {
  local cmd=${1:-build}
  case "$cmd" in
    build) build ;;
    start) [ $# -eq 2 ] || usage; start "$2" ;;
    stop) [ $# -eq 2 ] || usage; stop_cluster "$(cd "$2" 2>/dev/null && pwd || echo "$2")" ;;
    status)
      [ $# -eq 2 ] || usage
      if ready "$(cd "$2" && pwd)"; then grep KUBE_API_SERVER= "$2/cluster.env" | cut -d= -f2; else exit 1; fi ;;
    -h|--help|help) usage ;;
    *) usage ;;
  esac
}

main "$@"
