"""The installed version of dsr-options."""

__version__ = "0.1.0"
