"""xiangzhi (乡治): township governance platform."""

__version__ = "0.1.0"
