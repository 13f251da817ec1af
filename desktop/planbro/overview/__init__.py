"""Overblik for the team leader: are plans offered to all, kept up to date and followed up?

Qt-free; the app's window and `planbro overblik` only present what compute() gives.

    from planbro.overview import compute, store_facts
    PlanStore.open(folder, facts=store_facts(policy))   # every save keeps the plan's facts
    overview = compute(store, start=..., end=..., unit="Team Nord")
    overview.item("offers.declined").text()              # "12" or "under 5"

facts.py: what a plan's summary keeps for the overview; compute.py: which plans a period
holds and every figure; figures.py: the figures and the rule that none describes fewer than
5 plans; workbook.py and report.py: the Excel workbook and the PDF report.
"""

from planbro.overview.compute import compute
from planbro.overview.facts import store_facts
from planbro.overview.figures import UNDER_5, Area, Figure, Group, Item, Overview, Share, Spread

# What this package offers to the layers above it.
__all__ = [
    "Area",
    "compute",
    "Figure",
    "Group",
    "Item",
    "Overview",
    "Share",
    "Spread",
    "store_facts",
    "UNDER_5",
]
