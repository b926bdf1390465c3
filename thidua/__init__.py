"""thidua-kg: Vietnamese local-government news as a knowledge graph."""

__version__ = "0.1.0"
