"""Report codes become an entity and a fixed word for the intent classifier."""
import ast
import json
import textwrap

from tests.bot.rasa_venv import REPO, run_in_rasa_venv

SCRIPT = textwrap.dedent("""
    import json, sys
    from bot.rasa_ext.nlu_codes import mask_codes
    print(json.dumps([mask_codes(text) for text in json.loads(sys.argv[1])]))
""")


def masked(*texts):
    result = run_in_rasa_venv(SCRIPT, json.dumps(texts))
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_codes_are_masked_with_the_same_length_and_extracted():
    [(text, entities), (text2, entities2), (text3, entities3)] = masked(
        "trek K7PQ2XHM in", "status van k7pq-2xhm in Utrecht?", "mijn code is R4TW9KMZ en X4YZ7ABC")
    assert text == "trek meldcode in"
    assert entities == [{"entity": "report_code", "value": "K7PQ2XHM", "start": 5, "end": 13,
                         "extractor": "ReportCodeMasker"}]
    assert text2 == "status van meld-code in Utrecht?"
    assert text2.index("Utrecht") == "status van k7pq-2xhm in Utrecht?".index("Utrecht")
    assert entities2[0]["value"] == "K7PQ2XHM"
    assert [e["value"] for e in entities3] == ["R4TW9KMZ", "X4YZ7ABC"]


def test_ten_character_codes_are_masked_to_the_same_word_padded_to_their_length():
    [(text, entities), (text2, entities2)] = masked("status K7PQ2XHM4B nu", "trek k7pq2-xhm4b in Utrecht")
    assert text == "status meldcode   nu" and len(text) == len("status K7PQ2XHM4B nu")
    assert entities == [{"entity": "report_code", "value": "K7PQ2XHM4B", "start": 7, "end": 17,
                         "extractor": "ReportCodeMasker"}]
    assert text2.split() == ["trek", "meld-code", "in", "Utrecht"]
    assert text2.index("Utrecht") == "trek k7pq2-xhm4b in Utrecht".index("Utrecht")
    assert entities2[0]["value"] == "K7PQ2XHM4B"
    # Neither 9 nor 11 characters is a code.
    for text, found in masked("K7PQ2XHM4", "K7PQ2XHM4BC", "ABCDEFGHJK"):
        assert found == [], text


def test_ordinary_words_and_numbers_are_not_codes():
    for text, entities in masked("ik wil naar de opendag", "verkoper", "crebo 25180", "12345678", "ABCDEFGH"):
        assert entities == [] and "meldcode" not in text


PROCESS = textwrap.dedent("""
    from rasa.shared.nlu.training_data.message import Message
    from bot.rasa_ext.nlu_codes import ReportCodeMasker

    [message, button] = ReportCodeMasker().process([Message(data={"text": "status van K7PQ2XHM pls"}),
                                                    Message(data={"text": "/report_status"})])
    assert message.get("text") == "status van meldcode pls", message.get("text")
    assert [e["value"] for e in message.get("entities")] == ["K7PQ2XHM"]
    assert button.get("text") == "/report_status" and not button.get("entities")
    print("ok")
""")


def test_the_component_masks_messages_and_adds_the_entity():
    result = run_in_rasa_venv(PROCESS)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]


def test_the_code_alphabet_is_the_one_reports_are_given():
    # nlu_codes.py runs in .venv-rasa and keeps its own copy of the alphabet; importing it
    # here would need rasa, so its constants are read from the source.
    from internships.reports import CODE_ALPHABET, CODE_LENGTH, CODE_LENGTHS

    tree = ast.parse((REPO / "bot/rasa_ext/nlu_codes.py").read_text(encoding="utf-8"))
    copy = {target.id: ast.literal_eval(node.value)
            for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)
            and target.id in ("CODE_ALPHABET", "CODE_LENGTH", "CODE_LENGTHS")}
    assert copy == {"CODE_ALPHABET": CODE_ALPHABET, "CODE_LENGTH": CODE_LENGTH, "CODE_LENGTHS": CODE_LENGTHS}, (
        "bot/rasa_ext/nlu_codes.py no longer matches internships.reports: copy the new "
        "alphabet and length there, or codes are no longer recognised in chat")
