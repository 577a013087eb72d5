"""dsr-options: UN roles in defense sector reform, and the member-state redlines that bound them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dsr_options._version import __version__

if TYPE_CHECKING:
    from dsr_options.analyses.attributes import attributes
    from dsr_options.analyses.negotiate import Negotiation, negotiate
    from dsr_options.diagnostics import Diagnostic
    from dsr_options.errors import CatalogueError, DsrOptionsError
    from dsr_options.load.catalogue import load_catalogue
    from dsr_options.model.catalogue import Catalogue, Redline, Role

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Diagnostic",
    "DsrOptionsError",
    "Negotiation",
    "Redline",
    "Role",
    "__version__",
    "attributes",
    "load_catalogue",
    "negotiate",
]

_LAZY = {
    "load_catalogue": "dsr_options.load.catalogue",
    "CatalogueError": "dsr_options.errors",
    "Diagnostic": "dsr_options.diagnostics",
    "DsrOptionsError": "dsr_options.errors",
    "Catalogue": "dsr_options.model.catalogue",
    "Redline": "dsr_options.model.catalogue",
    "Role": "dsr_options.model.catalogue",
    "negotiate": "dsr_options.analyses.negotiate",
    "Negotiation": "dsr_options.analyses.negotiate",
    "attributes": "dsr_options.analyses.attributes",
}


def __getattr__(name: str) -> Any:
    # `dsr-options --version` must not pay for pydantic and PyYAML: import on first use.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dsr_options' has no attribute {name!r}")
