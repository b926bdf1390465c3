"""A normal (non-editable) install carries its data: gazetteer, ontology, view assets."""
from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT

REQUIRED = ("thidua/loaders/data/units.tsv", "thidua/loaders/data/historical_units.tsv",
            "thidua/ontology/thidua.ttl", "thidua/ontology/shapes.ttl", "thidua/ontology/context.jsonld",
            "thidua/exports/assets/vis-network.min.js", "thidua/cli.py", "thidua/graph/store.py")


def test_wheel_holds_code_and_data_and_works_installed(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("thidua_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in REQUIRED if n not in names]
    assert not missing, missing
    assert any(n.endswith("entry_points.txt") for n in names)
    # Install it beside (not over) the editable install and read the data from there.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import thidua.ontology as o, thidua.loaders.gazetteer as g;"
            "assert o.__file__.startswith(sys.argv[1]), o.__file__;"
            "assert o.ONTOLOGY_TTL.is_file(); print(len(g.default_gazetteer().lookup('huyện', 'Đầm Hà')))")
    out = subprocess.run([sys.executable, "-c", code, str(target)], check=True, capture_output=True, text=True)
    assert int(out.stdout) >= 1
