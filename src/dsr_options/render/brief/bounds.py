"""How far the brief's searches went, for its annex: the firmness bound it used, in words, and
the options that make ``check`` search the same way (``check --bound N --vary WHAT``)."""

from __future__ import annotations

from dsr_options.analyses.firmness import DEFAULT_BOUND, FirmnessReport

READINGS = "readings"
"""``--vary``'s default: the readings the data declares, every combination."""


def firmness_searched(report: FirmnessReport | None) -> tuple[tuple[str, str], ...]:
    """The annex's "Firmness" line: what the firmness search varied and up to how many changes
    (``--bound 0``: not searched)."""
    if report is None:
        return (("Firmness", "not searched (--bound 0)"),)
    if report.vary == READINGS:
        text = (
            "every combination of the readings the data declares and the positions held with "
            "confidence reported or inferred, searched exactly (--vary readings)"
        )
    else:
        values = "analysis values" if report.vary == "analysis" else "analysis and note values"
        noun = "change" if report.bound == 1 else "changes"
        text = (
            f"every combination of up to {report.bound} {noun} of the {values}, searched "
            f"exactly (--bound {report.bound} --vary {report.vary})"
        )
    return (("Firmness", text),)


def firmness_flags(report: FirmnessReport | None) -> tuple[str, ...]:
    """``--bound 3``, ``--vary analysis``: what ``check`` needs beyond its defaults to search
    firmness as the brief did, one argument a line."""
    if report is None:
        return ("--bound 0",)
    flags = []
    if report.bound != DEFAULT_BOUND:
        flags.append(f"--bound {report.bound}")
    if report.vary != READINGS:
        flags.append(f"--vary {report.vary}")
    return tuple(flags)
