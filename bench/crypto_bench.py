"""Encrypt + decrypt 100,000 18-character values: our AES-GCM field vs django-fernet-encrypted-fields.

Not a test (pytest does not collect it). Run from the repository root::

    pip download --no-deps django-fernet-encrypted-fields==0.4.0 -d /tmp/fef
    unzip -q /tmp/fef/*.whl -d /tmp/fef/src
    PYTHONPATH=/tmp/fef/src .venv/bin/python tests/pii/bench_crypto.py

The library is not a dependency; without it only our numbers are printed.
"""

import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiangzhi.settings")
django.setup()

from django.conf import settings  # noqa: E402

from xiangzhi.core.pii.crypto import decrypt, encrypt  # noqa: E402
from xiangzhi.core.pii.fields import EncryptedCharField  # noqa: E402

N = 100_000
REPEATS = 3


def sample_values(n: int) -> list[str]:
    rng = random.Random(20240101)
    return [f"410802{rng.randrange(19500101, 20101231):08d}{rng.randrange(10000):04d}" for _ in range(n)]


def best_of(run) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def field_round_trip(field, values: list[str]):
    def run():
        for value in values:
            token = field.get_prep_value(value)
            assert field.from_db_value(token, None, None) == value

    return run


def main() -> None:
    values = sample_values(N)
    results = {"own AES-GCM, crypto.encrypt/decrypt": best_of(lambda: [decrypt(encrypt(v)) for v in values])}
    ours = EncryptedCharField(max_length=18)
    results["own AES-GCM, EncryptedCharField"] = best_of(field_round_trip(ours, values))
    try:
        from encrypted_fields.fields import EncryptedCharField as FernetCharField
    except ImportError:
        print("django-fernet-encrypted-fields not on PYTHONPATH: library not measured")
    else:
        settings.SALT_KEY = "bench-salt-" + "0" * 32
        theirs = FernetCharField(max_length=18)
        start = time.perf_counter()
        theirs.f  # noqa: B018 - derive the key (PBKDF2, 100,000 iterations) outside the loop
        print(f"fernet key derivation (once per field instance): {time.perf_counter() - start:.3f}s")
        results["django-fernet-encrypted-fields 0.4"] = best_of(field_round_trip(theirs, values))
        print(
            f"token length for 18 chars: ours {len(ours.get_prep_value(values[0]))}, "
            f"fernet {len(theirs.get_prep_value(values[0]))}"
        )
    for name, seconds in results.items():
        print(f"{name:40s} {seconds:6.3f}s  {seconds / N * 1e6:5.1f} µs/value")
    if len(results) == 3:
        lib, own = results["django-fernet-encrypted-fields 0.4"], results["own AES-GCM, EncryptedCharField"]
        print(f"library / own (field level): {lib / own:.1f}x")


if __name__ == "__main__":
    main()
