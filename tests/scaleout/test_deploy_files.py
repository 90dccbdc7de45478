"""The deployment files, checked offline: Dockerfiles parsed, docker-compose.yml's services and
Kubernetes manifests validated against the Kubernetes 1.37 schemas plus our security rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from grader.exercise import PROJECT_ROOT

DOCKER = PROJECT_ROOT / "docker"
K8S = PROJECT_ROOT / "deploy" / "k8s"
PRIVILEGED_CONTAINERS = {"sandbox-engine"}
"""The one container allowed privileges: it creates the grading containers (docs/deploy.md)."""


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, ARGs substituted."""
    text = re.sub(r"\\\n", " ", path.read_text())
    found = []
    args: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(" ")
        if name.upper() == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args[key.strip()] = value.strip()
        for key, value in args.items():
            rest = rest.replace("${" + key + "}", value)
        found.append((name.upper(), rest.strip()))
    return found


def stages(path: Path) -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for item in instructions(path):
        if item[0] == "FROM":
            result.append([])
        if result:
            result[-1].append(item)
    return result


DOCKERFILES = sorted(DOCKER.glob("*.Dockerfile"))


def test_there_are_web_and_grader_images() -> None:
    assert {p.name for p in DOCKERFILES} >= {
        "web.Dockerfile",
        "grader-cpu.Dockerfile",
        "grader-gpu.Dockerfile",
    }


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_base_images_are_pinned(path: Path) -> None:
    for name, rest in instructions(path):
        if name == "FROM":
            image = rest.split()[0]
            stage_names = {r.split()[-1] for n, r in instructions(path) if n == "FROM"}
            if image in stage_names:
                continue
            assert ":" in image and not image.endswith(":latest"), f"unpinned base {image}"
        if name == "COPY" and "--from=" in rest:
            source = rest.split("--from=")[1].split()[0]
            assert ":" not in source or not source.endswith(":latest")


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_multi_stage_and_every_final_stage_runs_as_non_root(path: Path) -> None:
    all_stages = stages(path)
    assert len(all_stages) >= 2
    for stage in all_stages[1:]:  # the build stage may run as root; what ships may not
        users = [rest for name, rest in stage if name == "USER"]
        if not users:
            continue
        user = users[-1].split(":")[0]
        assert user not in ("0", "root"), f"{path.name}: a stage ends as root"
    final_users = [rest for name, rest in all_stages[-1] if name == "USER"]
    assert final_users and final_users[-1].split(":")[0] not in ("0", "root")


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_dependencies_are_installed_before_the_sources_are_copied(path: Path) -> None:
    """Cache-friendly: editing code must not reinstall TensorFlow or the web dependencies."""
    items = instructions(path)
    copies = [i for i, (name, rest) in enumerate(items) if name == "COPY"]
    installs = [i for i, (name, rest) in enumerate(items) if "pip install" in rest]
    assert installs
    first_install = installs[0]
    early = [items[i][1] for i in copies if i < first_install]
    assert all(("requirements" in c or "pyproject" in c) for c in early), early


def test_gpu_image_installs_the_cuda_tensorflow_build() -> None:
    text = (DOCKER / "grader-gpu.Dockerfile").read_text()
    assert "tensorflow[and-cuda]==2.21.0" in text and "nvidia/cuda:" in text


# -- docker-compose.yml ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_has_the_scale_out_services(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) >= {"web", "worker-cpu", "worker-gpu", "postgres", "redis"}


def test_every_long_running_service_has_a_healthcheck(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if service.get("restart") == "no":
            continue  # one-shot (migrations)
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_database_and_submissions_live_on_named_volumes(compose: dict[str, Any]) -> None:
    assert {"db", "submissions"} <= set(compose["volumes"])
    assert "db:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]
    for name in ("web", "worker-cpu"):
        assert "submissions:/var/lib/tfgrader" in compose["services"][name]["volumes"]


def test_gpu_worker_is_optional_and_reserves_an_nvidia_device(compose: dict[str, Any]) -> None:
    gpu = compose["services"]["worker-gpu"]
    assert gpu["profiles"] == ["gpu"]
    assert gpu["environment"]["TFGRADER_GPU"] == "1"
    assert "--queue" in gpu["command"] and "gpu" in gpu["command"]
    devices = gpu["deploy"]["resources"]["reservations"]["devices"]
    assert devices[0]["driver"] == "nvidia" and "gpu" in devices[0]["capabilities"]


def test_app_services_use_celery_and_postgres(compose: dict[str, Any]) -> None:
    for name in ("web", "worker-cpu", "worker-gpu"):
        env = compose["services"][name]["environment"]
        assert env["TFGRADER_QUEUE"] == "celery"
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
    cpu = compose["services"]["worker-cpu"]
    assert cpu["environment"]["TFGRADER_SANDBOX"] == "container"


def test_compose_images_are_pinned(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        image = service["image"]
        assert ":" in image and not image.endswith(":latest"), name


# -- Kubernetes ----------------------------------------------------------------------------------


def k8s_documents() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                docs.append((f"{path.name}:{doc['kind']}/{doc['metadata']['name']}", doc))
    return docs


DOCS = k8s_documents()
WORKLOADS = [(n, d) for n, d in DOCS if d["kind"] in ("Deployment", "StatefulSet", "Job")]


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_manifest_is_valid_for_kubernetes_1_37(name: str, doc: dict[str, Any]) -> None:
    import kubernetes_validate

    kubernetes_validate.validate(doc, "1.37.0", strict=True)


@pytest.mark.parametrize(("name", "doc"), WORKLOADS, ids=[n for n, _ in WORKLOADS])
def test_pods_are_locked_down(name: str, doc: dict[str, Any]) -> None:
    pod = doc["spec"]["template"]["spec"]
    assert pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    for container in pod["containers"]:
        assert container["resources"]["limits"]["memory"], container["name"]
        assert container["resources"]["limits"]["cpu"], container["name"]
        if container["name"] in PRIVILEGED_CONTAINERS:
            continue
        security = container["securityContext"]
        assert security["readOnlyRootFilesystem"] is True, container["name"]
        assert security["allowPrivilegeEscalation"] is False, container["name"]
        assert security["capabilities"]["drop"] == ["ALL"], container["name"]
        assert "privileged" not in security


def test_the_privileged_sandbox_engine_is_only_in_worker_pods() -> None:
    for name, doc in WORKLOADS:
        pod = doc["spec"]["template"]["spec"]
        names = {c["name"] for c in pod["containers"]}
        if names & PRIVILEGED_CONTAINERS:
            assert doc["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] == (
                "worker"
            ), name


def test_there_is_a_worker_deployment_per_queue_and_gpu_ones_request_a_gpu() -> None:
    workers = {
        d["spec"]["template"]["metadata"]["labels"]["tfgrader/queue"]: d
        for _, d in WORKLOADS
        if d["spec"]["template"]["metadata"]["labels"].get("app.kubernetes.io/component")
        == "worker"
    }
    assert set(workers) == {"cpu", "gpu"}
    for queue, doc in workers.items():
        containers = doc["spec"]["template"]["spec"]["containers"]
        args = containers[0]["args"]
        assert args[:4] == ["tfgrader", "worker", "--queue", queue]
        gpus = [c["resources"]["limits"].get("nvidia.com/gpu") for c in containers]
        assert (1 in gpus) == (queue == "gpu")


def test_web_has_a_deployment_and_a_service() -> None:
    kinds = {(d["kind"], d["metadata"]["name"]) for _, d in DOCS}
    assert {("Deployment", "tfgrader-web"), ("Service", "tfgrader-web")} <= kinds
    assert any(k == "ConfigMap" for k, _ in kinds) and any(k == "Secret" for k, _ in kinds)


def test_worker_egress_is_limited_to_redis_postgres_and_dns() -> None:
    policies = [d for _, d in DOCS if d["kind"] == "NetworkPolicy"]
    worker_policy = next(
        p for p in policies
        if p["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component")
        == "worker"
    )  # fmt: skip
    assert "Egress" in worker_policy["spec"]["policyTypes"]
    ports = {port["port"] for rule in worker_policy["spec"]["egress"] for port in rule["ports"]}
    assert ports == {6379, 5432, 53}
    for rule in worker_policy["spec"]["egress"]:
        assert all("ipBlock" not in peer for peer in rule["to"])  # no way out to the internet
