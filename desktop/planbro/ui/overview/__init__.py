"""The window "Overblik" (issue 15): the figures of planbro.overview for a period and a unit or
caseworker, a few bar charts, and the plans behind a figure.

ui/caseload_overview.py puts it in the caseload's Funktioner menu; here window.py is the
window, sections.py a page per area, charts.py the bars, drill.py the list of the plans behind
a figure. Nothing here imports the caseload or its actions: the window is given the store and
how to open a plan.
"""
