"""Working on when the team server is away (storage/postgres/offline.py, queue.py,
actions/offline.py), against a real PostgreSQL server stopped and started again in the
middle of a session. The server is this module's own (tests/pg_server.py), not the
run's shared one, which other tests use while this one is stopped."""

from __future__ import annotations

import json
import time
from datetime import date

import psycopg
import pytest

from planbro.crypto import DataKey
from planbro.crypto.keys import KeyChain
from planbro.crypto.sealing import MAGIC

from planbro.storage.postgres import LeaseHeld, StoreUnreachable, TeamStore
from planbro.storage.postgres.offline import OfflineRefused, OfflineStore

from planbro.actions.offline import connection_of, draft_notice, reconnect
from planbro.actions.overview import overview_of

# The citizen of the plans saved offline: neither may be in a file on the laptop.
NAME, CPR = "Jonas Mikkelsen Østergaard", "120379-1235"


@pytest.fixture
def server(stoppable_server, stoppable_database):
    """The module's own server (tests/conftest.py), running at the start of each test, with
    the test's fresh database as `database`."""
    stoppable_server.database = stoppable_database
    return stoppable_server


@pytest.fixture
def keys():
    """The data folder's keys, as an unlocked encrypted data folder gives them."""
    return KeyChain(store_id="offline-test", current=DataKey.new())


@pytest.fixture
def laptop(server, keys, tmp_path):
    """A function opening the caseworker's Planbro on the team store, with the queue;
    each call another (the same laptop's data folder unless told)."""
    opened = []

    def make(holder: str = "Anna Jensen", folder: str = "laptop", with_keys: bool = True,
             seconds: float = 120) -> OfflineStore:
        team = TeamStore(server.url(server.database), holder=holder, lease_seconds=seconds,
                         data_dir=tmp_path / folder)
        store = OfflineStore(team, keys if with_keys else None)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def on_server(server, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(server.dsn(server.database)) as connection:
        return connection.execute(sql, list(params)).fetchall()


def test_saves_wait_sealed_while_the_server_is_away_and_are_sent_in_order(server, laptop,
                                                                          new_plan):
    mine = laptop()
    plan = mine.save(new_plan(name=NAME, cpr=CPR))
    plan.purpose = "Formål gemt med forbindelse"
    mine.save(plan)
    # A colleague's plan, seen in the caseload but never opened on this laptop.
    colleague = laptop("Bo Berg", folder="colleague")
    theirs = colleague.save(new_plan(name="Kim Hansen", cpr="010190-1234"))
    colleague.close()
    assert {s.id for s in mine.summaries()} == {plan.id, theirs.id}
    assert on_server(server, "SELECT revision FROM planbro.plans WHERE id = %s",
                     [plan.id]) == [(2,)]

    server.stop()
    plan.purpose = "Første gemning uden net"
    mine.save(plan)
    assert (mine.offline, mine.pending) == (True, 1)
    plan.purpose = "Anden gemning uden net"
    mine.save(plan)
    assert mine.pending == 2
    state = connection_of(mine)
    assert state.offline and state.headline.startswith("Ikke forbundet – gemmes lokalt")
    assert "2 gemninger venter" in state.headline

    # On disk: sealed envelopes only, no name, CPR number or anything typed in them.
    files = mine.queue.files()
    assert len([f for f in files if f.suffix == ".pbq"]) == 2
    for path in files:
        blob = path.read_bytes()
        assert blob.startswith(MAGIC), path
        for secret in (NAME, CPR, CPR.replace("-", ""), "uden net", "Formål"):
            assert secret.encode("utf-8") not in blob, (path, secret)
            assert secret not in path.name
    # The plan open here reads as last saved; the colleague's plan is not on the laptop.
    assert mine.get(plan.id).purpose == "Anden gemning uden net"
    with pytest.raises(OfflineRefused, match="Ikke forbundet til teamets database: planen er "
                                             "ikke på denne computer"):
        mine.get(theirs.id)
    # The caseload as last listed; what only the server can do is refused at once.
    assert {s.id for s in mine.summaries()} == {plan.id, theirs.id}
    with pytest.raises(StoreUnreachable, match="når forbindelsen er tilbage"):
        mine.sign(plan.id, date.today())
    # Still away: nothing is sent, nothing lost.
    assert reconnect(mine).offline and mine.pending == 2

    server.start()
    told = reconnect(mine)
    assert told.headline == "Forbundet igen – 2 gemninger sendt" and told.notices == []
    assert (mine.offline, mine.pending) == (False, 0)
    # Both saves reached the server, in order: two more revisions, the last one's text.
    assert on_server(server, "SELECT p.revision, v.body->>'purpose' FROM planbro.plans p "
                             "JOIN planbro.plan_versions v ON v.plan_id = p.id "
                             "WHERE p.id = %s", [plan.id]) == [(4, "Anden gemning uden net")]
    assert [f for f in mine.queue.files() if f.suffix == ".pbq"] == []
    # Connected again, the plan saves on the server directly.
    plan.purpose = "Tilbage på nettet"
    mine.save(plan)
    assert mine.pending == 0
    assert on_server(server, "SELECT revision FROM planbro.plans WHERE id = %s",
                     [plan.id]) == [(5,)]


def test_a_lease_broken_while_offline_keeps_the_saves_as_a_separate_draft(server, laptop,
                                                                         new_plan):
    mine = laptop()
    plan = mine.save(new_plan(name=NAME, cpr=CPR))
    server.stop()
    plan.purpose = "Skrevet på værestedet"
    mine.save(plan)
    plan.purpose = "Skrevet på værestedet, rettet"
    mine.save(plan)
    server.start()
    # Meanwhile the team leader broke the lease (the superuser may, as a leader).
    leader = laptop("Teamlederen", folder="leader")
    leader.leases.break_lease(plan.id, via="app")

    told = reconnect(mine)
    assert told.headline == "Forbundet igen – 0 gemninger sendt"
    [notice] = told.notices
    assert notice.startswith(f"Dine ændringer af plan {plan.id[:8]} blev ikke sendt: din lås på "
                             "den blev brudt af en teamleder")
    assert "særskilt kladde" in notice
    assert mine.pending == 0
    # The plan itself is as it was; everything typed is in a new draft, in the last words.
    assert on_server(server, "SELECT v.body->>'purpose' FROM planbro.plan_versions v "
                             "WHERE v.plan_id = %s", [plan.id]) == [(plan_purpose_before(),)]
    [(draft_id, name, purpose, version, status)] = on_server(
        server, "SELECT p.id::text, v.body->'citizen'->>'name', v.body->>'purpose', v.version, "
                "v.body->>'status' FROM planbro.plans p JOIN planbro.plan_versions v "
                "ON v.plan_id = p.id WHERE p.id <> %s", [plan.id])
    assert (name, purpose, version, status) == (NAME, "Skrevet på værestedet, rettet", 1, "draft")
    assert draft_id[:8] in notice


def plan_purpose_before() -> str:
    """The example plan's own purpose, which the plan on the server still has."""
    from importlib import resources

    text = (resources.files("planbro.forms") / "example-plan.json").read_text("utf-8")
    return json.loads(text)["purpose"]


def test_saves_left_queued_are_sent_by_the_next_planbro_on_the_laptop(server, laptop, new_plan):
    first = laptop()
    plan = first.save(new_plan())
    server.stop()
    plan.purpose = "Gemt før Planbro blev lukket"
    first.save(plan)
    first.close()
    server.start()
    # Opened again with the server back: it takes up the queue and its lease, and sends.
    again = laptop()
    assert again.pending == 1
    assert again.get(plan.id).purpose == "Gemt før Planbro blev lukket"
    told = reconnect(again)
    assert told.headline == "Forbundet igen – 1 gemning sendt" and told.notices == []
    assert on_server(server, "SELECT v.body->>'purpose' FROM planbro.plan_versions v "
                             "WHERE v.plan_id = %s", [plan.id]) == [("Gemt før Planbro blev lukket",)]


def test_without_the_data_folders_keys_nothing_is_kept_and_the_save_is_refused(server, laptop,
                                                                                new_plan):
    mine = laptop(with_keys=False)
    plan = mine.save(new_plan())
    server.stop()
    plan.purpose = "Kan ikke gemmes"
    with pytest.raises(OfflineRefused, match="ikke krypteret"):
        mine.save(plan)
    assert mine.pending == 0
    assert not (mine.data_dir / "team-offline").exists()


def test_a_plan_not_open_for_editing_is_not_saved_offline(server, laptop, new_plan):
    maker, mine = laptop("Bo Berg", folder="maker"), laptop()
    plan = maker.save(new_plan())
    maker.close()
    read = mine.get(plan.id)
    server.stop()
    read.purpose = "Uden lås"
    with pytest.raises(OfflineRefused, match="kun en plan, du har åben til redigering"):
        mine.save(read)
    assert mine.pending == 0


def test_a_moved_queue_file_does_not_open(server, laptop, new_plan):
    mine = laptop()
    plan = mine.save(new_plan())
    server.stop()
    for purpose in ("Et", "To"):
        plan.purpose = purpose
        mine.save(plan)
    first, second = sorted(p for p in mine.queue.files() if p.suffix == ".pbq")
    # Swapping the order on disk: neither opens as the other's place in the queue.
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    server.start()
    told = reconnect(mine)
    assert told.notices and "kan ikke læses" in told.notices[0]
    # Nothing was sent, and both wait (neither is thrown away).
    assert mine.pending == 2 and not told.offline
    assert on_server(server, "SELECT revision FROM planbro.plans WHERE id = %s",
                     [plan.id]) == [(1,)]


def test_a_lease_expired_and_taken_by_a_colleague_keeps_the_save_as_a_draft(server, laptop,
                                                                            new_plan):
    mine = laptop(seconds=1)
    plan = mine.save(new_plan())
    server.stop()
    plan.purpose = "Skrevet mens låsen udløb"
    mine.save(plan)
    server.start()
    # The lease expires on the server's clock; Bo opens the plan and saves it.
    colleague = laptop("Bo Berg", folder="colleague")
    deadline = time.monotonic() + 30
    while True:
        try:
            colleague.leases.take(plan.id)
            break
        except LeaseHeld:
            assert time.monotonic() < deadline, "the lease never expired"
            time.sleep(0.2)
    theirs = colleague.get(plan.id)
    theirs.purpose = "Bos formål"
    colleague.save(theirs)

    done = mine.flush()
    [drafted] = done.drafts
    assert (done.sent, drafted.plan_id, drafted.why) == (0, plan.id, "lease")
    # Bo's save stands; the caseworker's words are in the draft, which no one holds now.
    assert on_server(server, "SELECT body->>'purpose' FROM planbro.plan_versions "
                             "WHERE plan_id = %s", [plan.id]) == [("Bos formål",)]
    assert on_server(server, "SELECT body->>'purpose' FROM planbro.plan_versions "
                             "WHERE plan_id = %s", [drafted.draft_id]) == [
        ("Skrevet mens låsen udløb",)]
    assert colleague.leases.holder(drafted.draft_id) is None


def test_only_plans_open_for_editing_are_kept_on_the_laptop(server, laptop, new_plan):
    mine = laptop()
    first, second = mine.save(new_plan()), mine.save(new_plan(name="Kim Hansen"))
    assert mine.queue.cached_ids() == sorted([first.id, second.id])
    # The first is closed (its lease given back): its copy goes at the next read or save.
    mine.leases.release(first.id)
    mine.get(second.id)
    assert mine.queue.cached_ids() == [second.id]
    # Closing Planbro leaves nothing of a plan with nothing queued.
    mine.close()
    assert mine.queue.files() == []


def test_a_new_data_key_reseals_the_saves_that_wait(tmp_path, new_plan):
    from planbro.crypto.kdf import CHEAP_FOR_TESTS
    from planbro.crypto.keys import create
    from planbro.crypto.sealing import key_id_of

    from planbro.model.convert import to_dict

    from planbro.storage.codec import Codec
    from planbro.storage.keying import encrypt, rotate
    from planbro.storage.paths import Layout
    from planbro.storage.postgres.queue import OfflineQueue

    folder = tmp_path / "laptop"

    def make():
        return create(folder, passphrase="korrekt hest batteri hæfteklamme",
                      use_credential_store=False, kdf=CHEAP_FOR_TESTS)

    chain = encrypt(folder, make, lambda made: made.chain, lambda made: None).made.chain
    queue = OfflineQueue(folder, "0123456789abcdef", chain)
    plan = new_plan()
    queue.add(plan.id, to_dict(plan), 3, "token")
    queue.cache(plan.id, to_dict(plan), 3)
    rotated, done = rotate(Layout(folder, Codec(chain)))
    assert rotated.retiring == () and done.sealed >= 2 and done.unreadable == []
    for path in queue.files():
        assert key_id_of(path.read_bytes()) == rotated.current.key_id
    # With only the new key the save and the copy still open, whole.
    again = OfflineQueue(folder, "0123456789abcdef", rotated)
    [entry] = again.entries()
    assert (entry.plan_id, entry.base, entry.doc["citizen"]["name"]) == (
        plan.id, 3, plan.citizen.name)
    assert again.cached(plan.id).revision == 3


def test_a_plan_changed_on_the_server_meanwhile_keeps_the_save_as_a_draft(server, laptop,
                                                                         new_plan):
    mine = laptop()
    plan = mine.save(new_plan())
    server.stop()
    plan.purpose = "Mit formål uden net"
    mine.save(plan)
    server.start()
    # The plan changed on the server under this client's lease (IT's owner role, say).
    on_server(server, "UPDATE planbro.plans SET revision = revision + 1 WHERE id = %s "
                      "RETURNING id", [plan.id])
    done = mine.flush()
    [drafted] = done.drafts
    assert (done.sent, drafted.why) == (0, "changed")
    assert draft_notice(drafted).startswith(f"Dine ændringer af plan {plan.id[:8]} blev ikke "
                                            "sendt: en anden ændrede den, mens du ikke var "
                                            "forbundet.")
    assert on_server(server, "SELECT body->>'purpose' FROM planbro.plan_versions "
                             "WHERE plan_id = %s", [drafted.draft_id]) == [("Mit formål uden net",)]


def test_the_overview_is_refused_at_once_while_the_server_is_away(server, laptop, new_plan):
    # Not after the pool's wait for a connection (Overblik hung 10 s, then said so).
    mine = laptop()
    mine.save(new_plan())
    assert overview_of(mine).plans.count == 1
    server.stop()
    mine.offline = True  # as after the first call that found it away
    started = time.monotonic()
    with pytest.raises(OfflineRefused, match="Ikke forbundet til teamets database"):
        overview_of(mine)
    assert time.monotonic() - started < 1
