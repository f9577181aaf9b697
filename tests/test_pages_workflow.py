"""The Pages workflow publishes only a tested site, at its real address.

.github/workflows/pages.yml runs on GitHub, where these tests cannot follow it; what they
can hold it to is read from the file: it runs the README's test command before it builds,
it builds with ``site_url`` set to the address Pages serves the project at (never the
loopback preview address mkdocs.yml falls back to), it uploads what ``make build`` writes,
and it deploys with the permissions and the concurrency group Pages needs.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from scripts.site_config import load_config

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# What the `github` context holds for a repository example-owner/example-site.
GITHUB_CONTEXT = {
    "github.repository_owner": "example-owner",
    "github.event.repository.name": "example-site",
    "github.repository": "example-owner/example-site",
    "github.server_url": "https://github.com",
}


def readme_test_command() -> str:
    """The command the README's set-up block gives for the whole test suite."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block, "README.md has no ```sh block of commands"
    for line in block[1].splitlines():
        command, _, comment = line.partition("#")
        if "test" in comment:
            return command.strip()
    raise AssertionError("README.md's ```sh block names no test command (a line commented '# ... test ...')")


def expand(value: str) -> str:
    """``${{ github.x }}`` expressions replaced as GitHub would, for an example repository."""
    def one(m: re.Match) -> str:
        name = m[1].strip()
        assert name in GITHUB_CONTEXT, f"{WORKFLOW.name}: an expression this test does not know: {name}"
        return GITHUB_CONTEXT[name]
    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job, step) for job, spec in workflow["jobs"].items() for step in spec.get("steps", [])]


def test_it_runs_the_readme_test_command_before_building(workflow):
    command = readme_test_command()
    runs = [(job, i, step) for i, (job, step) in enumerate(steps(workflow)) if "run" in step]
    tests = [(job, i) for job, i, step in runs if command in [line.strip() for line in step["run"].splitlines()]]
    builds = [(job, i) for job, i, step in runs if "make build" in step["run"]]
    assert tests, f"no step of {WORKFLOW.name} runs the README's test command, `{command}`"
    assert builds, f"no step of {WORKFLOW.name} runs `make build`"
    assert tests[0][0] == builds[0][0] and tests[0][1] < builds[0][1], "the site must be tested before it is built for publishing"


def test_it_builds_with_the_pages_address_as_site_url(workflow):
    build = next(step for _, step in steps(workflow) if "make build" in step.get("run", ""))
    job = next(spec for spec in workflow["jobs"].values() if build in spec.get("steps", []))
    env = {**workflow.get("env", {}), **job.get("env", {}), **build.get("env", {})}
    assert "SITE_URL" in env, "the build step does not set SITE_URL, so the site would say it lives at the preview address"
    url = expand(env["SITE_URL"])
    assert url == "https://example-owner.github.io/example-site/", url
    host = urlsplit(url).hostname
    assert host != "localhost" and not _is_loopback_address(host), f"{url} is a loopback address"


def test_mkdocs_reads_site_url_from_the_environment_with_a_loopback_fallback():
    value = load_config(ROOT)["site_url"]
    assert isinstance(value, list) and value[0] == "SITE_URL", f"site_url is {value!r}, not !ENV [SITE_URL, ...]"
    assert urlsplit(value[-1]).hostname == "127.0.0.1"


def test_it_uploads_the_build_and_deploys_it_to_pages(workflow):
    uses = {step.get("uses", "").split("@")[0]: step for _, step in steps(workflow)}
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    site_dir = load_config(ROOT).get("site_dir", "site")
    assert uses["actions/upload-pages-artifact"].get("with", {}).get("path") == site_dir
    permissions = workflow.get("permissions", {})
    assert permissions.get("pages") == "write" and permissions.get("id-token") == "write", permissions
    assert workflow.get("concurrency", {}).get("group"), "a concurrency group keeps two deployments from overlapping"
    deploy = next(job for job, spec in workflow["jobs"].items()
                  if any(s.get("uses", "").startswith("actions/deploy-pages") for s in spec.get("steps", [])))
    assert workflow["jobs"][deploy].get("needs"), "the deployment must wait for the tested build"
    assert workflow["jobs"][deploy].get("environment", {}).get("name") == "github-pages"


def _is_loopback_address(host: str | None) -> bool:
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:  # a name, not an address
        return False
