"""altnotes: people, organizations, dates and dated events from Japanese text.

Library use::

    from altnotes import extract
    docs = extract(["articles/"])          # list of DocExtraction records
"""

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def __getattr__(name: str) -> object:
    # Lazy, so that `import altnotes` stays cheap for the CLI's fast path.
    if name == "extract":
        from .pipeline.extract import extract

        return extract
    raise AttributeError(name)
