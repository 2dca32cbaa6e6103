"""hemorehab: MDT care and individualized joint rehabilitation for children with hemophilia."""

__version__ = "0.1.0"
