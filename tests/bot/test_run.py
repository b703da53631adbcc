"""`make run` (bot.run.Stack) says clearly when a port it needs is taken."""
import socket

import pytest

from bot.run import Stack, StartupError


def test_a_taken_port_is_named_before_anything_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        stack = Stack(var_dir=tmp_path, rasa_port=port, action_port=port + 1, with_web=False)
        with pytest.raises(StartupError, match=f"poort {port} \\(rasa\\) is al in gebruik"):
            stack.start()
    assert stack.processes == {}
