"""Docs that cannot drift: the README's commands exist and run in CI; every command is documented."""
from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from conftest import ROOT
from thidua.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    click_app = typer.main.get_command(app)
    return sorted(click_app.commands)


def test_readme_first_screen_has_the_two_commands_and_ci_runs_them():
    first_screen = README[:1500]
    assert "bash scripts/example.sh" in first_screen and "bash scripts/test.sh" in first_screen
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/example.sh" in ci and "bash scripts/test.sh" in ci
    for script in ("example.sh", "test.sh"):
        assert (ROOT / "scripts" / script).is_file()


def test_every_command_is_in_the_readme_and_has_an_example():
    runner = CliRunner()
    for name in command_names():
        assert re.search(rf"`thidua {name}\b", README), f"README does not document `thidua {name}`"
        help_text = runner.invoke(app, [name, "--help"]).output
        assert "Example" in help_text, f"`thidua {name} --help` has no example"


def test_readme_session_shows_real_commands():
    for line in re.findall(r"^\$ (.+)$", README, flags=re.M):
        words = line.split()
        if words[0].endswith("thidua"):
            assert words[1] in command_names(), line
