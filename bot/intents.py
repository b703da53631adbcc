"""The NLU contract of DESIGN.md: intent names other parts rely on (more may be added)."""

CONTRACT_INTENTS = frozenset({
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "out_of_scope",
    "request_human", "ask_study_advice", "share_interests", "ask_prospects",
    "compare_programmes", "seek_internship", "report_discrimination", "ask_privacy",
    "delete_my_data",
})
