#!/usr/bin/env bash
# Static validation of the consent ledger's docker/ folder, for CI and for hosts without a Docker
# engine. Checks:
#   1. docker/compose.yaml is accepted by `docker-compose config` (v1.29, Debian's package) or,
#      when v1 is absent and cannot be installed, by `docker compose config` (v2);
#   2. the Grafana dashboard JSON parses and points at the provisioned datasource;
#   3. the Prometheus and Grafana provisioning YAML files parse (PyYAML) and Prometheus scrapes
#      the four app replicas at /actuator/prometheus;
#   4. both Dockerfiles name the jar the Maven build really produces (...-exec.jar) and copy every
#      module the parent pom lists, and healthcheck.sh parses.
# Installs docker-compose with apt-get only when it is missing and the script runs as root.
# Exits non-zero on the first failed group of checks. Builds nothing and runs no containers.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "${here}/.." && pwd)"
cd "${root}"

fail() { echo "validate.sh: FAIL: $*" >&2; exit 1; }
ok() { echo "validate.sh: ok: $*"; }

# --- 1. compose ---------------------------------------------------------------------------------
compose=()
if command -v docker-compose >/dev/null 2>&1; then
    compose=(docker-compose)
elif [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "validate.sh: docker-compose not found; installing Debian's package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq docker-compose >/dev/null
    compose=(docker-compose)
elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    compose=(docker compose)
else
    fail "neither docker-compose nor 'docker compose' is available (run as root to install it with apt-get)"
fi
echo "validate.sh: using: $("${compose[@]}" version 2>/dev/null | head -n 1)"
"${compose[@]}" -f docker/compose.yaml config -q || fail "docker/compose.yaml rejected by ${compose[*]} config"
services="$("${compose[@]}" -f docker/compose.yaml config --services | sort | tr '\n' ' ')"
for s in axonserver postgres command-1 command-2 query-1 query-2 prometheus grafana; do
    case " ${services} " in *" ${s} "*) ;; *) fail "compose service ${s} missing (have: ${services})" ;; esac
done
ok "docker/compose.yaml (services: ${services% })"

# --- 2-4. JSON, YAML, Dockerfiles ----------------------------------------------------------------
command -v python3 >/dev/null 2>&1 || fail "python3 is needed for the JSON/YAML checks"
python3 - <<'PY' || fail "file checks"
import json, re, sys, xml.etree.ElementTree as ET

errors = []

dash_path = "docker/grafana/dashboards/consent-ledger.json"
try:
    with open(dash_path, encoding="utf-8") as f:
        dash = json.load(f)
except Exception as e:  # noqa: BLE001 - report any parse problem
    sys.exit(f"{dash_path}: {e}")
panels = dash.get("panels", [])
ids = [p.get("id") for p in panels]
if not dash.get("uid") or not panels:
    errors.append(f"{dash_path}: needs a uid and panels")
if len(ids) != len(set(ids)):
    errors.append(f"{dash_path}: duplicate panel ids")
exprs = " ".join(t.get("expr", "") for p in panels for t in p.get("targets", []))
for metric in ("ledger_token_checks_total", "ledger_commands_total", "eventProcessor_latency",
               "ledger_revocation_enforcement_lag_seconds", "ledger_audit_verification_verified"):
    if metric not in exprs:
        errors.append(f"{dash_path}: no panel queries {metric}")
for p in panels:
    for t in p.get("targets", []):
        e = t.get("expr", "")
        if e.count("(") != e.count(")") or e.count("{") != e.count("}") or e.count("[") != e.count("]"):
            errors.append(f"{dash_path}: unbalanced brackets in panel {p.get('title')!r}: {e}")
ds_uids = {p["datasource"]["uid"] for p in panels if isinstance(p.get("datasource"), dict)}
print(f"validate.sh: ok: {dash_path} parses ({len(panels)} panels)")

try:
    import yaml
except ImportError:
    yaml = None
    print("validate.sh: WARNING: PyYAML not importable; YAML files only checked for presence", file=sys.stderr)

def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "\t" in text:
        errors.append(f"{path}: contains a tab character")
    return yaml.safe_load(text) if yaml else None

prom = load_yaml("docker/prometheus/prometheus.yml")
dsprov = load_yaml("docker/grafana/provisioning/datasources/prometheus.yaml")
load_yaml("docker/grafana/provisioning/dashboards/consent-ledger.yaml")
if yaml:
    targets = {}
    for job in prom.get("scrape_configs", []):
        for sc in job.get("static_configs", []):
            for t in sc.get("targets", []):
                targets[t] = job.get("metrics_path", "/metrics")
    for t in ("command-1:8080", "command-2:8080", "query-1:8081", "query-2:8081"):
        if targets.get(t) != "/actuator/prometheus":
            errors.append(f"prometheus.yml: {t} not scraped at /actuator/prometheus")
    prov_uids = {d.get("uid") for d in dsprov.get("datasources", [])}
    if not ds_uids <= prov_uids:
        errors.append(f"dashboard datasource uids {ds_uids} not provisioned ({prov_uids})")
    print("validate.sh: ok: prometheus.yml and Grafana provisioning YAML parse")

ns = {"m": "http://maven.apache.org/POM/4.0.0"}
parent = ET.parse("pom.xml").getroot()
version = parent.find("m:version", ns).text.strip()
modules = [m.text.strip() for m in parent.findall("m:modules/m:module", ns)]
for module in ("command-side", "query-side"):
    artifact = ET.parse(f"{module}/pom.xml").getroot().find("m:artifactId", ns).text.strip()
    jar = f"{module}/target/{artifact}-{version}-exec.jar"  # the repackaged, runnable jar (classifier exec)
    with open(f"docker/{module}.Dockerfile", encoding="utf-8") as f:
        dockerfile = f.read()
    # Maven refuses a reactor whose parent lists a module the build context lacks.
    copies = [f"COPY {m}/" for m in modules]
    for needle in (jar, f"-pl {module} -am package", "jarmode=tools", "org.springframework.boot.loader.launch.JarLauncher", *copies):
        if needle not in dockerfile:
            errors.append(f"docker/{module}.Dockerfile: expected to contain {needle!r}")
    order = [dockerfile.find(f"/extracted/{layer}/") for layer in
             ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")]
    if -1 in order or order != sorted(order):
        errors.append(f"docker/{module}.Dockerfile: layers not copied in Spring Boot's order")
print(f"validate.sh: ok: Dockerfiles name the built jars (version {version})")

if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
PY
bash -n docker/healthcheck.sh || fail "docker/healthcheck.sh does not parse"
ok "docker/healthcheck.sh parses"
echo "validate.sh: all checks passed"
