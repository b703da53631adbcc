"""The alternatives list names each programme once (issue 16, dead end 5)."""
import re

import labour_outlook
from actions.other_options import ActionOtherOptions


def test_each_alternative_is_named_once(fresh_db, tracker, dispatcher):
    base = next(p for p in labour_outlook.get_catalogue().programmes
                if labour_outlook.prospects_for(p.crebo).weak and labour_outlook.alternatives(p.crebo))
    t = tracker(text="ja laat zien", intent="affirm", slots={"focus_crebo": base.crebo, "offer": "alternatives"})
    ActionOtherOptions().run(dispatcher, t, {})
    text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    lines = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    alts = labour_outlook.alternatives(base.crebo)
    assert len(lines) == len(alts)
    for number, (line, alt) in enumerate(zip(lines, alts, strict=True), start=1):
        assert line.count(alt.programme.name) == 1, line
        assert line.startswith(f"{number}. {alt.programme.name} (niveau {alt.programme.niveau}) past ook bij"), line
