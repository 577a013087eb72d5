"""The catalogue a command evaluates, from one request, in one order, with its provenance.

Every evaluating command of the command line, and a script through the library, asks for its
catalogue here, so that both get exactly the same one:

1. load the catalogue and the redline files (``Request.data``, ``Request.redlines``);
2. keep only the redlines ``Request.only`` names, then only those ``Request.holders`` hold;
3. add the roles' variants and packages as options of their own;
4. apply the scenario (``Request.scenario``, ``FILE[:NAME]``);
5. apply the what-if assumptions (``Request.assume``).

The provenance says which files were read (and their hash), the subset, the scenario and the
assumptions, and the date (``Request.date``, else ``$SOURCE_DATE_EPOCH``, else today).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from dsr_options.load.provenance import Provenance
    from dsr_options.model.catalogue import Catalogue
    from dsr_options.model.scenarios import Scenario

__all__ = [
    "Prepared",
    "RedlineFile",
    "Request",
    "evaluated",
    "prepare",
    "redline_files",
    "scenario_reference",
    "scenarios_named",
]


@dataclass(frozen=True)
class RedlineFile:
    """One redline file of the caller's own, and the label its shared ids are named by."""

    path: Path
    label: str | None = None
    """``NAME`` of ``NAME=FILE``; None: the file's name."""

    def __str__(self) -> str:
        return f"{self.label}={self.path}" if self.label else str(self.path)


def redline_files(
    given: Iterable[Path | str],
) -> tuple[tuple[RedlineFile, ...], tuple[tuple[Path, Path], ...]]:
    """``[NAME=]FILE`` values parsed once: each file kept once, and (repeat, first) for every
    file given again (the command line warns of those)."""
    from dsr_options.files.find import distinct_files, split_label

    kept, repeated = distinct_files([split_label(value) for value in given])
    return tuple(RedlineFile(path, label) for label, path in kept), tuple(repeated)


@dataclass(frozen=True)
class Request:
    """What a command evaluates: which files, which subset, under which assumptions, when."""

    data: Path | None = None
    """The catalogue folder (None: ``$DSR_OPTIONS_DATA``, else the packaged catalogue)."""
    redlines: tuple[RedlineFile, ...] = ()
    """Redline files of the caller's own, evaluated instead of the catalogue's redlines..."""
    with_default: bool = False
    """...or as well as them."""
    only: tuple[str, ...] = ()
    """Only these redlines (ids or unique prefixes); empty: every redline."""
    holders: tuple[str, ...] = ()
    """Only the redlines these holders hold (ids or unique prefixes); empty: every holder's."""
    scenario: str | None = None
    """``FILE[:NAME]``: the scenario to evaluate under."""
    assume: tuple[str, ...] = ()
    """What-if values, ``ROLE.ATTRIBUTE=VALUE``."""
    date: str | None = None
    """The date the provenance gives (ISO); None: ``$SOURCE_DATE_EPOCH``, else today (UTC)."""

    @classmethod
    def of(
        cls,
        data: Path | str | None = None,
        *,
        redlines: Iterable[Path | str] = (),
        with_default: bool = False,
        only: Iterable[str] = (),
        holders: Iterable[str] = (),
        scenario: str | None = None,
        assume: Iterable[str] = (),
        date: str | None = None,
    ) -> Request:
        """A request from plain values: ``[NAME=]FILE`` redline files (a file given twice is
        read once) and comma-separated ids, as the command line takes them."""
        files, _ = redline_files(redlines)
        return cls(
            data=Path(data) if data is not None else None,
            redlines=files,
            with_default=with_default,
            only=_ids(only),
            holders=_ids(holders),
            scenario=scenario or None,
            assume=tuple(assume),
            date=date,
        )


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


class PairLimit(NamedTuple):
    """A limit of role x redline pairs a run refuses over, and whether it is the limit for a
    report to read (not the limit of evaluations)."""

    limit: int
    reading: bool

    def refuse(self, roles: int, redlines: int) -> None:
        """Raise ``TooManyPairs`` when ``roles`` x ``redlines`` is over the limit."""
        if roles * redlines > self.limit:
            from dsr_options.errors import TooManyPairs

            raise TooManyPairs(roles, redlines, self.limit, reading=self.reading)


class Prepared(NamedTuple):
    """The catalogue a request evaluates, and what it was made from."""

    catalogue: Catalogue
    provenance: Provenance


def prepare(
    request: Request, *, expand: bool = True, refuse_over: PairLimit | None = None
) -> Prepared:
    """The catalogue ``request`` evaluates, built in the one order (see the module), and its
    provenance.

    ``expand=False`` stops before the variants and packages are expanded and before any
    what-if (the request's scenario and assumptions are then the caller's to apply, as
    ``run_scenarios`` does for each scenario).

    ``refuse_over`` (a limit of role x redline pairs, and whether it is the limit for a report
    to read) refuses with ``TooManyPairs`` as soon as the files are parsed, before they are
    checked, a run whose files list more roles x redlines than that: variants and packages only
    add roles, so the count is the least the run would evaluate. With ``only`` or ``holders``
    the redlines kept are not known yet, and the caller's check after preparing decides.

    Raises ``LoadFailed`` (a ``CatalogueError``) with every problem when the files do not load,
    and ``UsageError`` for a request that cannot be met (``about`` names the field).

    >>> prepared = prepare(Request())
    >>> prepared.provenance.catalogue
    'packaged'
    """
    from dsr_options.errors import UsageError
    from dsr_options.load.catalogue import find_files, load_found
    from dsr_options.load.provenance import provenance_of

    if request.with_default and not request.redlines:
        raise UsageError(
            "--with-default adds the shipped redlines to your own: give --redlines FILE too "
            "(without --redlines the shipped redlines are used anyway)"
        )
    files = find_files(
        request.data,
        [(f.label, f.path) for f in request.redlines],
        request.with_default or not request.redlines,
    )
    subset = request.only or request.holders  # the redlines kept are known only after checks
    loaded = load_found(files, None if refuse_over is None or subset else refuse_over.refuse)
    if expand:
        catalogue = evaluated(loaded.catalogue, request)
    else:
        catalogue = _subset(loaded.catalogue, request.only, request.holders)
    found = provenance_of(
        files,
        loaded.sha256,
        only=[line.id for line in catalogue.redlines] if request.only else (),
        date=request.date,
    )
    # A what-if says so wherever the output goes: the scenarios and assumptions applied.
    provenance = replace(
        found,
        scenario=", ".join(catalogue.scenarios) or None,
        assumptions=list(catalogue.assumed),
    )
    return Prepared(catalogue, provenance)


def evaluated(catalogue: Catalogue, request: Request | None = None) -> Catalogue:
    """Steps 2 to 5 on a catalogue loaded already (a side of ``diff``, read from a folder or a
    git revision): the subset, variants and packages, the scenario, the assumptions, in the
    one order. ``request``'s files are not read again; None: nothing but the options expanded.
    """
    from dsr_options.analyses.options import expand_under

    request = request or Request()
    catalogue = _subset(catalogue, request.only, request.holders)
    return expand_under(
        catalogue, lambda expanded: _what_if(expanded, request.scenario, request.assume)
    )


def _subset(catalogue: Catalogue, only: Sequence[str], holders: Sequence[str]) -> Catalogue:
    if only:
        catalogue = _select_redlines(catalogue, only)
    if holders:
        from dsr_options.analyses.brief import select_holders

        catalogue = select_holders(catalogue, holders)
    return catalogue


def _select_redlines(catalogue: Catalogue, only: Sequence[str]) -> Catalogue:
    """The redlines ``only`` names; a role's id given there is said to be a role."""
    from dsr_options.analyses.evaluate import select_redlines
    from dsr_options.errors import UnknownIdError, UsageError

    try:
        return select_redlines(catalogue, only)
    except UnknownIdError:
        for ref in only:
            key = ref.lower()
            role = next((r.id for r in catalogue.roles if r.id.startswith(key)), None)
            if role is not None and not any(r.id.startswith(key) for r in catalogue.redlines):
                raise UsageError(
                    f"'{ref}' is a role, not a redline: --only selects redlines; "
                    f"`dsr-options show {role}` is for one role",
                    about="only",
                ) from None
        raise


def _what_if(catalogue: Catalogue, scenario: str | None, assume: Sequence[str]) -> Catalogue:
    if scenario:
        from dsr_options.analyses.scenarios import apply_scenarios

        catalogue = apply_scenarios(catalogue, scenarios_named(scenario, catalogue))
    if assume:
        from dsr_options.analyses.assumptions import apply_assumptions, parse_assumptions

        catalogue = apply_assumptions(catalogue, parse_assumptions(assume, catalogue))
    return catalogue


def scenarios_named(reference: str, catalogue: Catalogue) -> list[Scenario]:
    """The scenarios ``FILE[:NAME]`` names, read and checked against ``catalogue``."""
    from dsr_options.analyses.scenarios import pick_scenarios, read_scenarios
    from dsr_options.files.paths import require_file

    path, name = scenario_reference(reference)
    require_file(path, "scenario file", "scenario")
    return pick_scenarios(read_scenarios(path, catalogue), name)


def scenario_reference(reference: str) -> tuple[Path, str | None]:
    """``FILE[:NAME]`` as the file and the scenario's name (None: every scenario)."""
    from dsr_options.files.paths import present

    path = Path(reference)
    if ":" not in reference or present(path):
        return path, None
    head, _, name = reference.rpartition(":")
    return Path(head), name or None
