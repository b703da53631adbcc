"""The tracker store never writes a report code: the student saw it in the turn, the database
gets "[meldcode]" instead (bot/rasa_ext/tracker_store.py), also in events stored before."""
import textwrap

from tests.bot.rasa_venv import run_in_rasa_venv

SCRIPT = textwrap.dedent("""
    import asyncio, json, re, sqlite3, tempfile
    from bot.rasa_ext.tracker_store import ForgettingSQLTrackerStore, SCRUBBED
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SlotSet, UserUttered

    domain = Domain.from_yaml('''
    version: "3.1"
    intents: [report_status, withdraw_report, greet]
    slots:
      report_what:
        type: text
        mappings: [{type: custom}]
      report_pending_code:
        type: text
        mappings: [{type: custom}]
    ''')
    CODES = ["K7PQ2XHM4B", "R4TW9KMZ", "K7PQ2-XHM4B", "ABCD2345EF"]

    def raw(path):
        conn = sqlite3.connect(path)
        try:
            return [row[0] for row in conn.execute("SELECT data FROM events ORDER BY id")]
        finally:
            conn.close()

    def leaks(rows):
        return [code for code in CODES for row in rows if code.lower() in row.lower().replace("-", "")
                or code.lower() in row.lower()]

    async def main(path):
        store = ForgettingSQLTrackerStore(domain, dialect="sqlite", db=path)
        tracker = await store.get_or_create_tracker("c1")
        tracker.update(UserUttered("hoi"))
        tracker.update(BotUttered("Je vraag staat klaar. Je code is ABC234."))  # a hand-off code stays
        tracker.update(SlotSet("report_what", "ze zeiden ABCD2345EF tegen me"))
        tracker.update(BotUttered("Je melding is opgeslagen. Je code is R4TW9KMZ. Bewaar hem goed.",
                                  data={"buttons": [{"title": "Status R4TW9KMZ", "payload": "/report_status"}]}))
        tracker.update(UserUttered("status van mijn melding k7pq2-xhm4b", parse_data={
            "text": "status van mijn melding k7pq2-xhm4b",
            "intent": {"name": "report_status", "confidence": 1.0},
            "entities": [{"entity": "report_code", "value": "K7PQ2XHM4B", "start": 24, "end": 35}],
        }))
        tracker.update(BotUttered("Melding K7PQ2XHM4B: nieuw."))
        tracker.update(SlotSet("report_pending_code", "a3f1" * 8))  # a ticket, not a code
        await store.save(tracker)

        # The turn itself (what the student's screen got) still has the code.
        assert "K7PQ2XHM4B" in tracker.events[-2].text
        rows = raw(path)
        assert len(rows) == len(tracker.events), (len(rows), len(tracker.events))
        assert not leaks(rows), leaks(rows)
        assert sum(SCRUBBED in row for row in rows) == 4, rows
        joined = "\\n".join(rows)
        assert "ABC234" in joined and "status van mijn melding" in joined and "a3f1" * 8 in joined

        again = await store.retrieve("c1")
        assert [e.type_name for e in again.events] == [e.type_name for e in tracker.events]
        assert again.get_slot("report_what") == "ze zeiden [meldcode] tegen me"
        assert again.get_slot("report_pending_code") == "a3f1" * 8
        assert again.latest_message.entities[0]["value"] == SCRUBBED
        again.update(UserUttered("trek mijn melding in K7PQ2XHM4B"))
        await store.save(again)
        assert not leaks(raw(path)) and len(raw(path)) == len(again.events)

        # Events stored before the scrub existed: `scrub` cleans them, once.
        conn = sqlite3.connect(path)
        conn.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, ?, ?)",
                     ["old", "bot", 1.0, json.dumps({"event": "bot", "text": "Je code is R4TW9KMZ.", "data": {}})])
        conn.commit()
        conn.close()
        assert store.scrub_stored(batch=3) == 1
        assert store.scrub_stored() == 0
        assert not leaks(raw(path))
        print("ok")

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp + "/tracker.db"))
""")


def test_report_codes_are_scrubbed_from_stored_tracker_events():
    result = run_in_rasa_venv(SCRIPT)
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]
