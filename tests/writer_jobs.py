"""Module-level jobs the writer process can unpickle (tests of cancelling a write in it)."""
import os
import time
from pathlib import Path


def begin_then_wait(target: str, seconds: float) -> str:
    """Begin a write as the writer does (a temporary beside the target, named with this process's id), then take
    long: the test cancels meanwhile."""
    t = Path(target)
    temp = t.with_name(f".{t.stem}.saving-{os.getpid()}-abcd1234{t.suffix}")
    temp.write_bytes(b"half")
    time.sleep(seconds)
    os.replace(temp, t)
    return str(t)
