"""dsr-options: UN roles in defense sector reform, and the member-state redlines that bound them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsr_options._version import __version__

if TYPE_CHECKING:
    from dsr_options.analyses.assumptions import (
        Assumption,
        apply_assumptions,
        parse_assumption,
        parse_assumptions,
    )
    from dsr_options.analyses.firmness import Firmness, FirmnessReport, firmness, role_firmness
    from dsr_options.analyses.options import expand_options
    from dsr_options.analyses.scenarios import (
        apply_scenario,
        read_scenarios,
        run_scenarios,
        scenario_assumptions,
    )
    from dsr_options.diagnostics import Diagnostic
    from dsr_options.errors import CatalogueError, DsrOptionsError
    from dsr_options.load.catalogue import load_catalogue
    from dsr_options.model.catalogue import Catalogue, Redline, Role

__all__ = [
    "Assumption",
    "Catalogue",
    "CatalogueError",
    "Diagnostic",
    "DsrOptionsError",
    "Firmness",
    "FirmnessReport",
    "Redline",
    "Role",
    "__version__",
    "apply_assumptions",
    "apply_scenario",
    "expand_options",
    "firmness",
    "load_catalogue",
    "parse_assumption",
    "parse_assumptions",
    "read_scenarios",
    "role_firmness",
    "run_scenarios",
    "scenario_assumptions",
]

_LAZY = {
    "load_catalogue": "dsr_options.load.catalogue",
    "CatalogueError": "dsr_options.errors",
    "Diagnostic": "dsr_options.diagnostics",
    "DsrOptionsError": "dsr_options.errors",
    "Catalogue": "dsr_options.model.catalogue",
    "Redline": "dsr_options.model.catalogue",
    "Role": "dsr_options.model.catalogue",
    "Assumption": "dsr_options.analyses.assumptions",
    "apply_assumptions": "dsr_options.analyses.assumptions",
    "parse_assumption": "dsr_options.analyses.assumptions",
    "parse_assumptions": "dsr_options.analyses.assumptions",
    "Firmness": "dsr_options.analyses.firmness",
    "FirmnessReport": "dsr_options.analyses.firmness",
    "firmness": "dsr_options.analyses.firmness",
    "role_firmness": "dsr_options.analyses.firmness",
    "expand_options": "dsr_options.analyses.options",
    "apply_scenario": "dsr_options.analyses.scenarios",
    "read_scenarios": "dsr_options.analyses.scenarios",
    "run_scenarios": "dsr_options.analyses.scenarios",
    "scenario_assumptions": "dsr_options.analyses.scenarios",
}


def __getattr__(name: str) -> Any:
    # `dsr-options --version` must not pay for pydantic and PyYAML: import on first use.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dsr_options' has no attribute {name!r}")
