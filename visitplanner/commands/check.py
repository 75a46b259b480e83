"""The `check` command: the findings of the plan checks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from visitplanner.commands.base import EXIT_FINDINGS, EXIT_OK, Subcommands
from visitplanner.domain.checks import Severity, check_plan, finding_lines, has_errors
from visitplanner.i18n import _
from visitplanner.services.visit_files import read_visit


def _check(args: argparse.Namespace) -> int:
    findings = check_plan(read_visit(args.visit))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if args.json:
        document = {
            "errors": errors,
            "warnings": warnings,
            "findings": [f.to_dict() for f in findings],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for line in finding_lines(findings):
            print(line)
        print(_("Errors: {errors}, warnings: {warnings}.").format(errors=errors, warnings=warnings))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the check command."""
    check = commands.add_parser("check", help=_("check the plan for conflicts and gaps"))
    check.add_argument("visit", type=Path, metavar="VISIT")
    check.add_argument("--json", action="store_true", help=_("print the findings as JSON"))
    check.set_defaults(handler=_check)
