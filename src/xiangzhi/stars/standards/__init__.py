"""Star standards shipped as data files (JSON), loaded with ``xiangzhi load_star_standard FILE``."""

from pathlib import Path

EXAMPLE_2023 = Path(__file__).with_name("example-2023.json")
