"""Docs as contracts: every command, setting and taxonomy code is documented."""

from pathlib import Path

from rankfile.cli import app
from rankfile.config import settings_markdown

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    missing = [n for n in names if f"rankfile {n}" not in readme and f"`{n}`" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_configuration_docs_are_current():
    assert (ROOT / "docs" / "configuration.md").read_text("utf-8") == settings_markdown(), (
        "docs/configuration.md is stale: run `rankfile settings --markdown > docs/configuration.md`")


def test_readme_starts_with_the_two_setup_commands():
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    block = lines[lines.index("```") + 1:lines.index("```", lines.index("```") + 1)]
    assert len(block) == 2 and "rankfile demo" in block[0] and "pytest" in block[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert block[1] in ci, ".ci/run must call the README's test command"
