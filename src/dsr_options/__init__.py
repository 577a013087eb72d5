"""dsr-options: candidate UN roles in defense sector reform, the redlines that bound them, and
how the two meet, argued from a cited meeting note.

The library API, stable across releases (everything else is internal)::

    import dsr_options as dsr

    catalogue = dsr.load_catalogue()                 # the packaged catalogue, checked
    analysis = dsr.analyse(catalogue)                # every role against every redline
    for verdict in analysis.verdicts:
        print(verdict.role.id, verdict.verdict.value)

Names are imported on first use, so that ``import dsr_options`` (and ``dsr-options
--version``) does not pay for pydantic and PyYAML. See docs/library.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dsr_options._version import __version__

if TYPE_CHECKING:
    from dsr_options.analyses.agreement import RoleAgreement, agreement
    from dsr_options.analyses.assumptions import (
        Assumption,
        apply_assumptions,
        parse_assumption,
        parse_assumptions,
    )
    from dsr_options.analyses.attributes import attributes
    from dsr_options.analyses.compare import Comparison, compare_roles
    from dsr_options.analyses.design_space import DesignSpace, design_space
    from dsr_options.analyses.design_space.words import Answer, design_space_answer
    from dsr_options.analyses.evaluate import (
        Analysis,
        Outcome,
        Result,
        RoleVerdict,
        Verdict,
        analyse,
        clear_of,
        evaluate_role,
        select_redlines,
        surviving,
    )
    from dsr_options.analyses.firmness import Firmness, FirmnessReport, firmness, role_firmness
    from dsr_options.analyses.forum import ForumAnswer, forum_answer
    from dsr_options.analyses.forum.read import read_forum
    from dsr_options.analyses.negotiate import Negotiation, negotiate
    from dsr_options.analyses.options import expand_options
    from dsr_options.analyses.pipeline import Prepared, RedlineFile, Request, prepare
    from dsr_options.analyses.query import RoleFilter, filter_roles, find_role
    from dsr_options.analyses.repairs import Repair, repair_hints
    from dsr_options.analyses.scenarios import (
        apply_scenario,
        read_scenarios,
        run_scenarios,
        scenario_assumptions,
    )
    from dsr_options.diagnostics import Code, Diagnostic, Severity
    from dsr_options.errors import CatalogueError, DsrOptionsError, UnknownIdError, UsageError
    from dsr_options.load.catalogue import LoadFailed, load_catalogue
    from dsr_options.model.catalogue import Catalogue, Evidence, Redline, Role
    from dsr_options.render.explain import rule_text
    from dsr_options.validate.run import Report, validate_paths

_LAZY = {
    # the catalogue a command evaluates, from one request (what the command line uses)
    "Request": "dsr_options.analyses.pipeline",
    "RedlineFile": "dsr_options.analyses.pipeline",
    "Prepared": "dsr_options.analyses.pipeline",
    "prepare": "dsr_options.analyses.pipeline",
    # loading
    "load_catalogue": "dsr_options.load.catalogue",
    "LoadFailed": "dsr_options.load.catalogue",
    # the models
    "Catalogue": "dsr_options.model.catalogue",
    "Role": "dsr_options.model.catalogue",
    "Redline": "dsr_options.model.catalogue",
    "Evidence": "dsr_options.model.catalogue",
    # evaluation and verdicts
    "analyse": "dsr_options.analyses.evaluate",
    "evaluate_role": "dsr_options.analyses.evaluate",
    "select_redlines": "dsr_options.analyses.evaluate",
    "surviving": "dsr_options.analyses.evaluate",
    "clear_of": "dsr_options.analyses.evaluate",
    "rule_text": "dsr_options.render.explain",
    "Analysis": "dsr_options.analyses.evaluate",
    "RoleVerdict": "dsr_options.analyses.evaluate",
    "Result": "dsr_options.analyses.evaluate",
    "Outcome": "dsr_options.analyses.evaluate",
    "Verdict": "dsr_options.analyses.evaluate",
    # finding roles, comparing them, agreement, repair hints
    "find_role": "dsr_options.analyses.query",
    "filter_roles": "dsr_options.analyses.query",
    "RoleFilter": "dsr_options.analyses.query",
    "compare_roles": "dsr_options.analyses.compare",
    "Comparison": "dsr_options.analyses.compare",
    "agreement": "dsr_options.analyses.agreement",
    "RoleAgreement": "dsr_options.analyses.agreement",
    "repair_hints": "dsr_options.analyses.repairs",
    "Repair": "dsr_options.analyses.repairs",
    # validating files, and what it reports
    "validate_paths": "dsr_options.validate.run",
    "Report": "dsr_options.validate.run",
    "Diagnostic": "dsr_options.diagnostics",
    "Code": "dsr_options.diagnostics",
    "Severity": "dsr_options.diagnostics",
    # errors
    "DsrOptionsError": "dsr_options.errors",
    "UsageError": "dsr_options.errors",
    "UnknownIdError": "dsr_options.errors",
    "CatalogueError": "dsr_options.errors",
    # delegations: the attributes a rule can test, and where delegations leave room
    "attributes": "dsr_options.analyses.attributes",
    "negotiate": "dsr_options.analyses.negotiate",
    "Negotiation": "dsr_options.analyses.negotiate",
    "design_space": "dsr_options.analyses.design_space",
    "DesignSpace": "dsr_options.analyses.design_space",
    "design_space_answer": "dsr_options.analyses.design_space.words",
    "Answer": "dsr_options.analyses.design_space.words",
    "forum_answer": "dsr_options.analyses.forum",
    "ForumAnswer": "dsr_options.analyses.forum",
    "read_forum": "dsr_options.analyses.forum.read",
    # what-if: assumptions, scenarios, variants and packages, and the firmness of verdicts
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

__all__ = [
    "Analysis",
    "Answer",
    "Assumption",
    "Catalogue",
    "CatalogueError",
    "Code",
    "Comparison",
    "DesignSpace",
    "Diagnostic",
    "DsrOptionsError",
    "Evidence",
    "Firmness",
    "FirmnessReport",
    "ForumAnswer",
    "LoadFailed",
    "Negotiation",
    "Outcome",
    "Prepared",
    "Redline",
    "RedlineFile",
    "Repair",
    "Report",
    "Request",
    "Result",
    "Role",
    "RoleAgreement",
    "RoleFilter",
    "RoleVerdict",
    "Severity",
    "UnknownIdError",
    "UsageError",
    "Verdict",
    "__version__",
    "agreement",
    "analyse",
    "apply_assumptions",
    "apply_scenario",
    "attributes",
    "clear_of",
    "compare_roles",
    "design_space",
    "design_space_answer",
    "evaluate_role",
    "expand_options",
    "filter_roles",
    "find_role",
    "firmness",
    "forum_answer",
    "load_catalogue",
    "negotiate",
    "parse_assumption",
    "parse_assumptions",
    "prepare",
    "read_forum",
    "read_scenarios",
    "repair_hints",
    "role_firmness",
    "rule_text",
    "run_scenarios",
    "scenario_assumptions",
    "select_redlines",
    "surviving",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dsr_options' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
