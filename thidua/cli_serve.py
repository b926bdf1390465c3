"""CLI commands for the serve feature; registered on the main app by `register`."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this feature's commands to `app`."""
