"""No figure describes fewer than 5 plans: 1 to 4 are "under 5", in the figures and in JSON;
the plans behind a figure are kept for the app and never put in an output."""

from __future__ import annotations

import json

import pytest
from team_plans import END, START, TODAY

from planbro.overview import UNDER_5, Figure, Share, Spread, compute
from planbro.overview.figures import NONE_TO_SHOW, SUBGOALS


def _ids(count):
    return tuple(f"plan-{n}" for n in range(count))


@pytest.mark.parametrize(("plans", "shown"), [(0, "0"), (1, UNDER_5), (4, UNDER_5), (5, "5"),
                                               (12, "12")])
def test_a_count_of_plans(plans, shown):
    figure = Figure("k", "K", plans, _ids(plans))
    assert figure.text() == shown
    assert figure.value == (None if shown == UNDER_5 else plans)
    assert figure.to_json()["value"] == (UNDER_5 if shown == UNDER_5 else plans)


def test_sub_goals_of_fewer_than_5_plans_are_under_5_however_many():
    assert Figure("k", "K", 7, _ids(2), SUBGOALS).text() == UNDER_5
    assert Figure("k", "K", 7, _ids(5), SUBGOALS).text() == "7"


@pytest.mark.parametrize(("part", "base", "shown"), [
    (0, 4, UNDER_5),      # a base of fewer than 5 plans
    (3, 40, UNDER_5),     # 8 % would tell that 3 plans have it
    (38, 40, UNDER_5),    # 95 % would tell that 2 do not
    (0, 10, "0 %"), (10, 10, "100 %"), (5, 10, "50 %"), (20, 30, "67 %"),
])
def test_a_share(part, base, shown):
    share = Share("k", "K", part, base, _ids(part))
    assert share.text() == shown
    assert share.to_json()["percent"] == (UNDER_5 if shown == UNDER_5 else int(shown[:-2]))


def test_a_share_and_a_median_of_no_plans_show_a_dash():
    assert Share("k", "K", 0, 0).text() == NONE_TO_SHOW
    assert Share("k", "K", 0, 0).to_json()["percent"] is None
    assert Spread("k", "K", (), ()).text("dage") == NONE_TO_SHOW


def test_a_median_of_fewer_than_5_plans():
    assert Spread("k", "K", (3, 9, 12, 40), _ids(4)).text("dage") == UNDER_5
    assert Spread("k", "K", (), ()).to_json() == {"key": "k", "label": "K", "plans": 0}
    assert Spread("k", "K", (3, 9, 12, 40), _ids(4)).to_json()["plans"] == UNDER_5
    five = Spread("k", "K", (3, 9, 12, 40, 41), _ids(5))
    assert five.text("dage") == "12 (9–40) dage"
    assert five.to_json() == {"key": "k", "label": "K", "plans": 5, "median": 12, "q1": 9,
                              "q3": 40}


def test_one_caseworker_s_single_plan_shows_nothing_but_under_5_and_0(team_store):
    overview = compute(team_store, start=START, end=END, caseworker="Anders Berg", today=TODAY)
    texts = {item.key: item.text("dage") if isinstance(item, Spread) else item.text()
             for item in overview.items()}
    assert texts["plans"] == UNDER_5
    # A share or a median of no plans has nothing to show: "–", not "under 5".
    assert set(texts.values()) <= {UNDER_5, "0", NONE_TO_SHOW}
    assert texts["offers.accepted"] == UNDER_5 and texts["offers.declined"] == "0"
    assert texts["sel142.share"] == NONE_TO_SHOW and texts["keeping.days"] == NONE_TO_SHOW


def test_the_json_holds_no_plan_id_and_no_name(team_store):
    overview = compute(team_store, today=TODAY)
    text = json.dumps(overview.to_json(), ensure_ascii=False)
    for plan_id in team_store.ids.values():
        assert plan_id not in text
    for word in ("Borger", "Mette", "Anders", "Jonas", "-xxxx"):
        assert word not in text
    # The plans stay behind the figure for the app.
    assert len(overview.item("offers.declined").plans) == 3
