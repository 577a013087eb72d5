"""Every view in every format it supports, rendered directly (not through the command line)."""

from __future__ import annotations

import csv
import importlib
import inspect
import io
import json
import pkgutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console

from dsr_options.analyses.agreement import agreement
from dsr_options.analyses.assumptions import apply_assumptions, parse_assumption
from dsr_options.analyses.attributes import attributes
from dsr_options.analyses.compare import compare_roles
from dsr_options.analyses.diff import diff_catalogues
from dsr_options.analyses.evaluate import analyse, evaluate_role
from dsr_options.analyses.negotiate import negotiate
from dsr_options.analyses.offices import office_tree
from dsr_options.analyses.scenarios import run_scenarios
from dsr_options.load.catalogue import load_files
from dsr_options.model.catalogue import Catalogue
from dsr_options.model.scenarios import Scenario
from dsr_options.render import OutputFormat, as_text, render, views
from dsr_options.render.views.agree import AgreeView
from dsr_options.render.views.assumptions import stated
from dsr_options.render.views.attributes import AttributeList
from dsr_options.render.views.check import CheckView
from dsr_options.render.views.compare import CompareView
from dsr_options.render.views.diff import DiffView
from dsr_options.render.views.negotiate import NegotiateView
from dsr_options.render.views.offices import OfficeView
from dsr_options.render.views.redlines import RedlineList
from dsr_options.render.views.roles import RoleDetail, RoleList
from dsr_options.render.views.scenarios import ScenariosView
from dsr_options.render.views.sources import SourcesView
from tests.factory import evidence, roles_document, write_catalogue


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    roles = roles_document()
    roles["sources"][0]["notes"] = [{"text": "Who met.", "evidence": [evidence("who met")]}]
    folder = write_catalogue(Path(tmp_path_factory.mktemp("c")), roles)
    loaded = load_files(folder / "roles.yaml", [folder / "redlines.yaml"])
    assert loaded.catalogue is not None
    return loaded.catalogue


def listing_views(catalogue: Catalogue) -> list[Any]:
    role = catalogue.roles[0]
    changed = catalogue.model_copy(update={"roles": [role.model_copy(update={"title": "New"})]})
    scenario = Scenario.model_validate(
        {"id": "no-standing", "title": "No standing", "every_role": {"standing_un_capacity": False}}
    )
    assumed = apply_assumptions(
        catalogue, [parse_assumption("*.standing_un_capacity=false", catalogue)]
    )
    return [
        RoleList(catalogue.roles),
        RoleDetail(role, catalogue, evaluate_role(catalogue, role)),
        RedlineList(catalogue.redlines, catalogue),
        CheckView(analyse(catalogue)),
        AgreeView(agreement(catalogue)),
        CompareView(compare_roles(catalogue, catalogue.roles[:2])),
        SourcesView(catalogue.sources),
        DiffView(diff_catalogues(catalogue, changed)),
        AttributeList(attributes(catalogue)),
        NegotiateView(negotiate(catalogue)),
        OfficeView(office_tree(catalogue)),
        ScenariosView(run_scenarios(catalogue, [scenario])),
        stated(RoleList(catalogue.roles), assumed),
    ]


def test_every_listing_view_is_covered(catalogue: Catalogue) -> None:
    """A new view in render/views must join this test (and the golden cases)."""
    declared = set()
    for info in pkgutil.iter_modules(views.__path__):
        module = importlib.import_module(f"{views.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and all(
                hasattr(cls, m) for m in ("data", "rows", "markdown", "table")
            ):
                declared.add(cls.__name__)
    assert declared == {type(v).__name__ for v in listing_views(catalogue)}


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_view_renders_in_every_format(catalogue: Catalogue, fmt: OutputFormat) -> None:
    for view in listing_views(catalogue):
        rendered = render(view, fmt)
        name = type(view).__name__
        if fmt is OutputFormat.TABLE:
            console = Console(file=io.StringIO(), width=80, color_system=None)
            console.print(rendered)
            assert console.file.getvalue().strip(), name  # type: ignore[attr-defined]
            continue
        text = as_text(rendered)
        if fmt is OutputFormat.JSON:
            assert json.loads(text) == json.loads(json.dumps(view.data())), name
        elif fmt is OutputFormat.YAML:
            assert yaml.safe_load(text) == json.loads(json.dumps(view.data())), name
        elif fmt in (OutputFormat.CSV, OutputFormat.EXCEL_CSV):
            rows, columns = view.rows()
            read = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
            assert len(read) == len(rows) > 0, name
            assert list(read[0]) == list(columns), name
        else:
            assert text.startswith(
                ("## ", "|", "> ", "4 of", "0 of", "1 of", "1 redline", "2 redlines")
            ), name
