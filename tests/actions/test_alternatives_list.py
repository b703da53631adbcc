"""The alternatives list names each programme once (issue 16, dead end 5)."""
import re

import labour_outlook
from actions.other_options import ActionOtherOptions


def test_each_alternative_is_named_once(fresh_db, tracker, dispatcher):
    base = next(p for p in labour_outlook.get_catalogue().programmes
                if p.name == "Juridisch medewerker openbaar bestuur")
    t = tracker(text="ja laat zien", intent="affirm", slots={"focus_crebo": base.crebo, "offer": "alternatives"})
    ActionOtherOptions().run(dispatcher, t, {})
    lines = [line for line in dispatcher.messages[0]["text"].splitlines() if re.match(r"\d+\. ", line)]
    assert lines
    for line, alt in zip(lines, labour_outlook.alternatives(base.crebo), strict=True):
        assert line.count(alt.programme.name) == 1, line
        assert line.startswith(f"{lines.index(line) + 1}. {alt.programme.name} (niveau {alt.programme.niveau}) past ook bij")
