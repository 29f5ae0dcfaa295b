"""Office configuration: schema, layered loading and precise error messages."""

from .loader import OFFICE_ENV, LoadedConfig, check_file, load_config
from .problems import ConfigError, Problem
from .schema import Config

__all__ = ["OFFICE_ENV", "Config", "ConfigError", "LoadedConfig", "Problem", "check_file", "load_config"]
