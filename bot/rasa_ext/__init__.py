"""Everything the Rasa server loads from this repository (config.yml, credentials.yml, endpoints.yml).

Runs inside .venv-rasa: may import rasa, never sqlite-utils or the libraries (labour_outlook, internships).

- nlu_clean: first pipeline component: NFC, no control or bidi-override characters (``safetext``, stdlib only).
- nlu_codes: pipeline component that turns report codes into an entity and the word "meldcode".
- nlu_linear: pipeline component, a TF-IDF linear intent classifier that votes with DIET.
- nlu_guard: pipeline component that sends empty, emoji-only and over-long messages to nlu_fallback.
- tracker_store: SQL tracker store that forgets a conversation and purges old ones (endpoints.yml).
- socketio_channel: Rasa's socket.io channel with server-issued conversations and the fixes the chat widget needs (credentials.yml).
- rest_channel: Rasa's REST channel that refuses oversized, malformed and foreign requests (credentials.yml).
- session_keys: issues conversation ids with their secrets (HMAC under KANSRIJK_SESSION_KEY) for both channels.
- input_limits: message and body size limits and the answer to an oversized message, for both channels.
- serve: starts `rasa run` in-process with its secrets from the environment, off the command line.
- rasa_patches: speed fixes for Rasa 3.6.21 itself, installed when tracker_store is loaded.

Each module records, in PATCHED, the sha256 of the source of every Rasa function it
replaces or overrides; tests/bot/test_rasa_patches.py fails when Rasa's code differs.
"""
# Nothing is imported here: Rasa imports each module by its dotted name, and the
# .venv tests only read these files (tests/bot/test_nlu_codes.py).
