"""medialit: compare news reports of one event, systematically.

The main entry points:

* :func:`load_case` - the reports, page furniture, facts and annotated claims as DataFrames
  (:func:`book_case`: the five reports the book's own chapters are about).
* :func:`extract_quantities` - durations and counts in news prose, with their hedges.
* :func:`compare_claims` - which reports really conflict about a number.
* :mod:`medialit.exercises` - the exercise catalog and its widgets.
"""

from medialit.case import Case, CaseError, book_case, load_case, validate_case
from medialit.discrepancy import DEFAULT_TOLERANCE, claim_intervals, compare_claims, interval
from medialit.quantities import Quantity, extract_quantities

__all__ = [
    "DEFAULT_TOLERANCE",
    "Case",
    "CaseError",
    "Quantity",
    "book_case",
    "claim_intervals",
    "compare_claims",
    "extract_quantities",
    "interval",
    "load_case",
    "validate_case",
]
